using Regurgitate.Studies;

namespace Regurgitate.Tests;

public sealed class StudyPlanTests : IDisposable
{
    readonly StudyTestData data = new();

    public void Dispose() => data.Dispose();

    StudyPlan Plan(string yaml) => StudyPlan.Create(StudySpec.Load(data.Write(yaml)), StudyTestData.Data);

    [Fact]
    public void Plan_expands_conditions_by_sizes_by_seeds_in_spec_order()
    {
        var plan = Plan(StudyTestData.SmallSpec(seeds: "[7, 3]"));
        Assert.Equal(3 * 2 * 2, plan.Cells.Count);
        Assert.Equal(
            ["human.n60.s7", "human.n60.s3", "human.n120.s7", "human.n120.s3",
             "synthetic-weak.n60.s7", "synthetic-weak.n60.s3", "synthetic-weak.n120.s7", "synthetic-weak.n120.s3",
             "mix-human-weak.n60.s7", "mix-human-weak.n60.s3", "mix-human-weak.n120.s7", "mix-human-weak.n120.s3"],
            plan.Cells.Select(c => c.Id));
        Assert.Equal(40, plan.Test.Count);
        Assert.Equal(40, plan.Valid.Count);
        Assert.Equal(120, plan.StudentPool.Count);
        Assert.Equal(150, plan.TeacherPools["weak"].Count);
    }

    /// <summary>The repository's studies/ folder, found upward from the test binaries.</summary>
    internal static string BundledStudies()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Regurgitate.slnx"))) return Path.Combine(folder.FullName, "studies");
        throw new DirectoryNotFoundException("no Regurgitate.slnx above " + AppContext.BaseDirectory);
    }

    [Theory]
    [InlineData("demo.yaml", 4 * 3 * 2, 4000)]
    [InlineData("paper-cpu.yaml", 3 * 8 * 3, 8000)]
    [InlineData("strategies.yaml", 14 * 3 * 2, 8000)]
    public void Bundled_studies_plan_on_the_shared_corpora(string file, int cells, int pool)
    {
        var plan = StudyPlan.Create(StudySpec.Load(Path.Combine(BundledStudies(), file)), StudyTestData.Data);
        Assert.Equal(cells, plan.Cells.Count);
        Assert.Equal(pool, plan.StudentPool.Count);
        // Teachers learn from pairs no student sees.
        var students = plan.StudentPool.Select(p => p.Source).ToHashSet();
        Assert.All(plan.TeacherPools.Values.SelectMany(p => p), p => Assert.DoesNotContain(p.Source, students));
    }

    [Fact]
    public void Pools_are_seeded_random_samples_not_the_first_lines()
    {
        var plan = Plan(StudyTestData.SmallSpec());
        var head = TestData.GzipLines("multi30k/train.de.gz", 1000).ToHashSet();
        // A random 120 of 29,000 pairs: a handful from the first 1,000 lines, not all of them.
        Assert.InRange(plan.StudentPool.Count(p => head.Contains(p.Source)), 0, 30);
        var reseeded = Plan(StudyTestData.SmallSpec().Replace("overlap: drop", "overlap: drop\n  pool_seed: 2"));
        Assert.NotEqual(plan.StudentPool.Select(p => p.Source), reseeded.StudentPool.Select(p => p.Source));
        Assert.Equal(plan.StudentPool, Plan(StudyTestData.SmallSpec()).StudentPool); // same seed, same pool
    }

    [Fact]
    public void Sizes_are_nested_and_mixes_hold_their_shares_at_every_size()
    {
        var plan = Plan(StudyTestData.SmallSpec(mix: "{human: 0.5, weak: 0.25, weak2: 0.25}").Replace(
            "conditions:", "  weak2: {type: teacher, pairs: 100, epochs: 1}\nconditions:"));
        var pool = plan.StudentPool;
        var generated = new Dictionary<string, IReadOnlyList<string?>>
        {
            ["weak"] = pool.Select(p => "W " + p.Target).ToList(),
            ["weak2"] = pool.Select(p => "V " + p.Target).ToList(),
        };
        var inputs = new ConditionInputs(pool.Select(p => p.Source).ToList(), pool.Select(p => p.Target).ToList(), generated);
        foreach (var condition in plan.Spec.Conditions)
        {
            var small = condition.Compose(inputs, 60);
            var large = condition.Compose(inputs, 120);
            Assert.Equal(small, large.Take(60)); // the 60-pair set is the start of the 120-pair set
            Assert.Equal(pool.Take(60).Select(p => p.Source), small.Select(p => p.Source)); // each source once, the same sources everywhere
        }
        var mix = (MixCondition)plan.Spec.Conditions[2];
        for (int size = 1; size <= 120; size++)
        {
            var origins = mix.Assign(size);
            Assert.InRange(origins.Count(o => o == "human"), size * 0.5 - 1, size * 0.5 + 1);
            Assert.InRange(origins.Count(o => o == "weak"), size * 0.25 - 1, size * 0.25 + 1);
            Assert.InRange(origins.Count(o => o == "weak2"), size * 0.25 - 1, size * 0.25 + 1);
        }
    }

    [Fact]
    public void Teacher_pools_are_disjoint_from_students_and_held_out_sets_and_do_not_move_with_the_sizes()
    {
        var plan = Plan(StudyTestData.SmallSpec());
        var students = plan.StudentPool.Select(p => p.Source).ToHashSet();
        var heldOut = plan.Valid.Concat(plan.Test).SelectMany(p => new[] { p.Source, p.Target }).ToHashSet();
        var teacher = plan.TeacherPools["weak"];
        Assert.DoesNotContain(teacher, p => students.Contains(p.Source));
        Assert.DoesNotContain(teacher.Concat(plan.StudentPool), p => heldOut.Contains(p.Source) || heldOut.Contains(p.Target));

        var larger = Plan(StudyTestData.SmallSpec().Replace("sizes: [60, 120]", "sizes: [60, 120, 240]"));
        Assert.Equal(teacher, larger.TeacherPools["weak"]);
        Assert.Equal(new StudyKeys(plan).Teachers["weak"], new StudyKeys(larger).Teachers["weak"]);
    }

    [Fact]
    public void Training_on_validation_or_test_sentences_is_refused()
    {
        string yaml = StudyTestData.SmallSpec().Replace("train: multi30k:train:de-en", "train: multi30k:val:de-en").Replace("overlap: drop", "overlap: error");
        string path = data.Write(yaml);
        var error = Assert.Throws<InputException>(() => StudyPlan.Create(StudySpec.Load(path), StudyTestData.Data));
        Assert.Equal(path, error.File);
        Assert.Equal(3, error.Line); // the data.train line
        Assert.Contains("share a sentence with the validation or test set", error.Message);
        Assert.Contains("overlap: drop", error.Message);
    }

    [Fact]
    public void Multi30k_overlap_is_left_out_only_when_asked()
    {
        var plan = Plan(StudyTestData.SmallSpec().Replace("valid_limit: 40", "valid_limit: 1014"));
        Assert.InRange(plan.OverlapDropped, 1, 5); // a training pair or two repeat a validation sentence
        Assert.Throws<InputException>(() => Plan(StudyTestData.SmallSpec().Replace("valid_limit: 40", "valid_limit: 1014").Replace("overlap: drop", "overlap: error")));
    }

    [Fact]
    public void Sizes_and_teachers_that_do_not_fit_the_corpus_name_their_line()
    {
        string tooLarge = StudyTestData.SmallSpec().Replace("sizes: [60, 120]", "sizes: [60, 40000]");
        var error = Assert.Throws<InputException>(() => Plan(tooLarge));
        Assert.Contains("largest size (40,000)", error.Message);
        Assert.Equal(tooLarge.Split('\n').ToList().FindIndex(l => l.StartsWith("sizes:")) + 1, error.Line);

        string hungryTeacher = StudyTestData.SmallSpec().Replace("pairs: 150", "pairs: 30000");
        error = Assert.Throws<InputException>(() => Plan(hungryTeacher));
        Assert.Contains("teacher 'weak' asks for 30,000 pairs", error.Message);
        Assert.Equal(hungryTeacher.Split('\n').ToList().FindIndex(l => l.TrimStart().StartsWith("weak:")) + 1, error.Line);
    }
}
