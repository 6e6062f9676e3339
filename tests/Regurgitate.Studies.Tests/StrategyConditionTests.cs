using Regurgitate.Studies;

namespace Regurgitate.Tests;

/// <summary>
/// The mitigation strategies as study conditions (ordered, ranked, weighted) on the real Multi30k pool, with
/// hand-made scores standing in for the quality scorer and the detector.
/// </summary>
public sealed class StrategyConditionTests : IDisposable
{
    readonly StudyTestData data = new();

    public void Dispose() => data.Dispose();

    static string Spec(string conditions, string extraData = "") => StudyTestData.SmallSpec()
        .Replace("  overlap: drop", "  overlap: drop" + extraData)
        .Replace("  - synthetic: weak\n  - mix: {human: 0.5, weak: 0.5}", conditions);

    StudyPlan Plan(string yaml)
    {
        string path = data.Write(yaml);
        return StudyPlan.Create(StudySpec.Load(path), StudyTestData.Data);
    }

    const string Strategies = "  - synthetic: weak\n  - ordered: {generator: weak, by: combined}\n  - ranked: {generator: weak}\n  - weighted: {generator: weak, power: 2, max_repeats: 2}";

    [Fact]
    public void Ordered_and_ranked_take_the_best_n_of_the_whole_pool_and_nest()
    {
        var plan = Plan(Spec(Strategies, "\n  pool: 300"));
        Assert.Equal(300, plan.StudentPool.Count);
        Assert.Equal(120, plan.MaxSize);
        var inputs = Inputs(plan);
        foreach (var condition in plan.Spec.Conditions.OfType<ScoreOrderedCondition>())
        {
            var scores = inputs.Scores[condition.Score.Id];
            var small = condition.Compose(inputs, 60);
            var large = condition.Compose(inputs, 120);
            Assert.Equal(small, large.Take(60));
            // The 60 chosen are the 60 best-scored positions of all 300, not of the first 60.
            var targets = inputs.Generated["weak"];
            var best = Enumerable.Range(0, 300).Where(i => scores[i] != null && targets[i] != null).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(60).ToHashSet();
            Assert.Equal(best.Select(i => plan.StudentPool[i].Source).Order(), small.Select(p => p.Source).Order());
            Assert.Contains(small, p => plan.StudentPool.Take(60).All(q => q.Source != p.Source));
            Assert.All(small, p => Assert.StartsWith("W ", p.Target));
        }
    }

    [Fact]
    public void Weighted_sampling_nests_respects_the_repeat_cap_and_prefers_human_like_pairs()
    {
        var plan = Plan(Spec(Strategies, "\n  pool: 300"));
        var inputs = Inputs(plan);
        var weighted = plan.Spec.Conditions.OfType<WeightedCondition>().Single();
        var small = weighted.Compose(inputs, 60);
        var large = weighted.Compose(inputs, 120);
        Assert.Equal(small, large.Take(60));
        Assert.Equal(120, large.Count);
        Assert.All(large.GroupBy(p => p.Source), g => Assert.InRange(g.Count(), 1, 2));
        // Scores are P(human) = position / 300: the drawn pairs lie well above the pool's mean score of 0.5.
        var score = plan.StudentPool.Select((p, i) => (p.Source, Score: inputs.Scores[weighted.Score.Id][i])).GroupBy(x => x.Source).ToDictionary(g => g.Key, g => g.First().Score);
        Assert.True(large.Average(p => score[p.Source]!.Value) > 0.6, "weights P(human)^2 draw the human-like pairs");
        Assert.Equal(large, weighted.Compose(inputs, 120));
    }

    [Fact]
    public void Strategies_key_students_by_the_whole_pool_and_their_scores()
    {
        var plan = Plan(Spec(Strategies, "\n  pool: 300"));
        var keys = new StudyKeys(plan);
        var ordered = plan.Cells.First(c => c.Condition.Type == "ordered" && c.Size == 60);
        var synthetic = plan.Cells.First(c => c.Condition.Type == "synthetic" && c.Size == 60);
        Assert.NotEqual(keys.Student(ordered), keys.Student(synthetic));
        // Every size trains its own student: the n best of the pool differ with n.
        var students = plan.Cells.Where(c => c.Condition.SelectsFromWholePool).Select(keys.Student).ToList();
        Assert.Equal(students.Count, students.Distinct().Count());
        Assert.Equal(2, keys.Scores.Count); // ranked and weighted share one detector score
        Assert.Equal(keys.Scores["detector-weak-linear"], new StudyKeys(Plan(Spec(Strategies, "\n  pool: 300"))).Scores["detector-weak-linear"]);
        // A different pool changes what the strategies choose from, so their students; the human student at 60 pairs stays.
        var other = Plan(Spec(Strategies, "\n  pool: 400"));
        var otherKeys = new StudyKeys(other);
        Assert.NotEqual(keys.Student(ordered), otherKeys.Student(other.Cells.First(c => c.Condition.Type == "ordered" && c.Size == 60)));
        Assert.Equal(keys.Student(plan.Cells.First(c => c.Condition.Type == "human" && c.Size == 60)),
            otherKeys.Student(other.Cells.First(c => c.Condition.Type == "human" && c.Size == 60)));
    }

    [Fact]
    public void The_detector_pool_is_held_out_of_students_teachers_and_the_test_data()
    {
        var plan = Plan(Spec(Strategies, "\n  detector_pool: 200"));
        Assert.Equal(200, plan.DetectorPool.Count);
        var taken = plan.StudentPool.Concat(plan.TeacherPools["weak"]).Select(p => p.Source).ToHashSet();
        var heldOut = plan.Valid.Concat(plan.Test).SelectMany(p => new[] { p.Source, p.Target }).ToHashSet();
        Assert.DoesNotContain(plan.DetectorPool, p => taken.Contains(p.Source) || heldOut.Contains(p.Source) || heldOut.Contains(p.Target));
        // Without a detector condition there is no detector pool.
        Assert.Empty(Plan(StudyTestData.SmallSpec()).DetectorPool);
    }

    [Fact]
    public void Reduced_strategy_study_scores_pairs_trains_a_detector_and_reports_against_the_baselines()
    {
        string run = Path.Combine(data.Folder, "run");
        string conditions = "  - synthetic: weak\n  - ordered: {generator: weak, by: combined}\n  - ranked: {generator: weak}\n  - weighted: {generator: weak, max_repeats: 2}";
        var plan = Plan(Spec(conditions, "\n  pool: 200\n  detector_pool: 150").Replace("sizes: [60, 120]", "sizes: [60]").Replace("seeds: [1]", "seeds: [1, 2]"));
        var runner = new StudyRunner(plan, new StudyRunOptions { RunDirectory = run, Threads = 2 });
        var summary = runner.Execute();
        Assert.Equal((10, 10, 0), (summary.Cells, summary.Done, summary.Failed));

        // One score artifact per score, a value for every pool position the generator translated, and a saved detector.
        var keys = runner.Keys;
        string quality = Path.Combine(run, "artifacts", "scores", keys.Scores["quality-weak-combined"], "scores.txt");
        string detector = Path.Combine(run, "artifacts", "scores", keys.Scores["detector-weak-linear"]);
        Assert.Equal(200, File.ReadAllLines(quality).Length);
        var pHuman = File.ReadAllLines(Path.Combine(detector, "scores.txt")).Where(l => l.Length > 0).Select(l => double.Parse(l, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(pHuman, p => Assert.InRange(p, 0, 1));
        Assert.True(pHuman.Distinct().Count() > 10, "the detector tells pairs apart");
        Assert.True(Directory.EnumerateFiles(Path.Combine(detector, "detector")).Any());

        // The report compares each strategy with human data and its generator's data in random order; the best single generator
        // is that same synthetic-weak here (the only one), so it is not compared twice. Both take the pool's first n: unequal pools.
        Regurgitate.Reports.StudyReport.Write(run);
        var analysis = Regurgitate.Reports.StudyAnalysis.Of(run);
        var ordered = analysis.Strategies.Where(c => c.Strategy == "ordered-weak-combined").ToList();
        Assert.Equal(["human data", "same data, random order"], ordered.Select(c => c.Role));
        Assert.Equal("synthetic-weak", ordered[1].Baseline);
        Assert.All(ordered, c => Assert.StartsWith("ordered-weak-combined chooses 60 of 200 pairs", c.UnequalPool));
        string markdown = File.ReadAllText(Path.Combine(run, "report.md"));
        Assert.Contains("## Strategies against their baselines", markdown);

        // A rerun finds everything cached and changes nothing.
        string results = File.ReadAllText(Path.Combine(run, "results.jsonl"));
        new StudyRunner(Plan(Spec(conditions, "\n  pool: 200\n  detector_pool: 150").Replace("sizes: [60, 120]", "sizes: [60]").Replace("seeds: [1]", "seeds: [1, 2]")),
            new StudyRunOptions { RunDirectory = run, Threads = 2 }).Execute();
        Assert.Equal(results, File.ReadAllText(Path.Combine(run, "results.jsonl")));
    }

    /// <summary>Bad strategy conditions: (what is wrong, the conditions, the line, a phrase of the message).</summary>
    public static TheoryData<string, string, int, string> BadStrategies() => new()
    {
        { "unknown quality score", "  - ordered: {generator: weak, by: bleu}", 19, "'by' must be one of combined" },
        { "ordered without a generator", "  - ordered: {by: errors}", 19, "'conditions.ordered.generator'" },
        { "scorer that is not a teacher", "  - ordered: {generator: weak, by: scorer, scorer: file}", 19, "must name a teacher" },
        { "by scorer without a scorer", "  - ordered: {generator: weak, by: scorer}", 19, "needs 'scorer: T'" },
        { "unknown detector model", "  - ranked: {generator: weak, detector: bert}", 19, "'detector' must be one of linear, neural" },
        { "repeat cap of zero", "  - weighted: {generator: weak, max_repeats: 0}", 19, "max_repeats" },
        { "ordered given a name only", "  - ordered: weak", 19, "'ordered' takes a mapping" },
    };

    [Theory]
    [MemberData(nameof(BadStrategies))]
    public void Bad_strategy_conditions_name_file_line_and_key(string problem, string conditions, int line, string phrase)
    {
        string yaml = Spec(conditions).Replace("conditions:", "  file: {type: file, path: x.txt}\nconditions:");
        string path = data.Write(yaml);
        var error = Assert.Throws<InputException>(() => StudySpec.Parse(File.ReadAllText(path), path));
        Assert.True(error.Line == line, $"{problem}: line {error.Line}, expected {line}: {error.Message}");
        Assert.Contains(phrase, error.Message);
    }

    // The pool with a generator whose targets are marked "W ", and made-up scores: quality = source length
    // (so the best are not the first positions), P(human) = position / pool size.
    static ConditionInputs Inputs(StudyPlan plan)
    {
        var pool = plan.StudentPool;
        var generated = new Dictionary<string, IReadOnlyList<string?>> { ["weak"] = pool.Select((p, i) => i % 10 == 9 ? null : "W " + p.Target).ToList() };
        var scores = new Dictionary<string, IReadOnlyList<double?>>();
        foreach (var request in plan.Spec.Conditions.SelectMany(c => c.Scores).Distinct())
            scores[request.Id] = request.Kind == PairScoreRequest.Quality
                ? pool.Select(p => (double?)p.Source.Length).ToList()
                : pool.Select((p, i) => (double?)(i + 1.0) / pool.Count).ToList();
        return new ConditionInputs(pool.Select(p => p.Source).ToList(), pool.Select(p => p.Target).ToList(), generated) { Scores = scores };
    }
}
