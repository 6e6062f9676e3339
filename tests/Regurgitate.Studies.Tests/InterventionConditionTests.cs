using System.Text.Json.Nodes;
using Regurgitate.Interventions;
using Regurgitate.Metrics;
using StudyAnalysis = Regurgitate.Reports.StudyAnalysis;
using StudyReport = Regurgitate.Reports.StudyReport;
using Regurgitate.Studies;

namespace Regurgitate.Tests;

/// <summary>The noise, flatten and multi conditions (issue 12): spec reading, composition on Multi30k, keys, and a reduced run.</summary>
public sealed class InterventionConditionTests : IDisposable
{
    readonly StudyTestData data = new();

    public void Dispose() => data.Dispose();

    static string Spec(string conditions, string sizes = "[60, 120]", string generators = "") => $"""
        name: interventions
        {StudyTestData.DataBlock}
        student:
          preset: tiny
          vocab_size: 400
          epochs: 1
          warmup: 20
        {generators}
        conditions:
          - human
        {conditions}
        sizes: {sizes}
        seeds: [1]
        """;

    const string Generators = """
        generators:
          weak: {type: teacher, pairs: 150, epochs: 1, vocab_size: 400, warmup: 20, search: greedy}
          weak2: {type: teacher, pairs: 100, epochs: 1, vocab_size: 400, warmup: 20, search: greedy}
        """;

    const string All = """
          - noise: {rate: 0.2, ops: [drop, substitute], seed: 3}
          - name: noisy-weak
            noise: {rate: 0.1, of: weak, ops: {drop: 2, swap: 1}}
          - flatten: {strength: 0.5}
          - multi: [weak, weak2]
        """;

    StudyPlan Plan(string yaml) => StudyPlan.Create(StudySpec.Load(data.Write(yaml)), StudyTestData.Data);

    [Fact]
    public void Spec_reads_noise_flatten_and_multi_with_their_settings_and_keys()
    {
        var spec = Plan(Spec(All, generators: Generators)).Spec;
        Assert.Equal(["human", "noise-human-0_2", "noisy-weak", "flatten-0_5", "multi-weak-weak2"], spec.Conditions.Select(c => c.Name));
        var noise = Assert.IsType<NoiseCondition>(spec.Conditions[1]);
        Assert.Equal(new NoiseOptions(0.2, new NoiseMix(1, 0, 1), 3), noise.Options);
        Assert.Empty(noise.Generators);
        var noisyWeak = Assert.IsType<NoiseCondition>(spec.Conditions[2]);
        Assert.Equal(["weak"], noisyWeak.Generators);
        Assert.Equal(new NoiseMix(2, 1, 0), noisyWeak.Options.Mix);
        Assert.Equal(0.5, Assert.IsType<FlattenCondition>(spec.Conditions[3]).Options.Strength);
        Assert.Equal(["weak", "weak2"], Assert.IsType<MultiCondition>(spec.Conditions[4]).Generators);
        Assert.Equal(spec.Conditions.Count, spec.Conditions.Select(c => c.Key).Distinct().Count());
        Assert.Contains("⌈n/2⌉", spec.Conditions[4].Description);
    }

    /// <summary>Bad condition entries: (what is wrong, the conditions block, the line the message must name, a phrase it must hold).</summary>
    public static TheoryData<string, string, int, string> BadConditions() => new()
    {
        { "noise without rate", "  - noise: {ops: [drop]}", 19, "'noise.rate'" },
        { "noise rate above 1", "  - noise: {rate: 1.5}", 19, "'noise.rate' must be at most 1" },
        { "unknown noise operation", "  - noise: {rate: 0.1, ops: [drop, shuffle]}", 19, "unknown noise operation 'shuffle'" },
        { "unknown noise key", "  - noise: {rate: 0.1, rat: 2}", 19, "unknown key 'noise.rat'" },
        { "noise of an undefined generator", "  - noise: {rate: 0.1, of: medium}", 19, "generator 'medium'" },
        { "flatten strength not a number", "  - flatten: {strength: much}", 19, "'flatten.strength' must be a number" },
        { "flatten not a mapping", "  - flatten: 0.5", 19, "'flatten' takes a mapping" },
        { "flatten with too many iterations", "  - flatten: {strength: 0.5, iterations: 1000}", 19, "'flatten.iterations' must be at most 100" },
        { "multi of one generator", "  - multi: [weak]", 19, "at least two" },
        { "multi names a generator twice", "  - multi: [weak, weak]", 19, "appears twice" },
        { "multi of an undefined generator", "  - multi: [weak, strong]", 19, "generator 'strong'" },
    };

    [Theory]
    [MemberData(nameof(BadConditions))]
    public void Bad_condition_names_file_line_and_key(string problem, string conditions, int line, string phrase)
    {
        string path = data.Write(Spec(conditions, generators: Generators));
        var error = Assert.Throws<InputException>(() => StudySpec.Parse(File.ReadAllText(path), path));
        Assert.True(error.Line == line, $"{problem}: line {error.Line}, expected {line}: {error.Message}");
        Assert.Contains(phrase, error.Message);
        Assert.StartsWith($"{path}:{line}: ", error.Message);
    }

    [Fact]
    public void Conditions_compose_nested_deterministic_and_of_the_stated_size_on_multi30k()
    {
        var plan = Plan(Spec(All, sizes: "[500, 1000]", generators: Generators));
        var pool = plan.StudentPool;
        // Stand-ins for the teachers' targets: the human targets, marked.
        var generated = new Dictionary<string, IReadOnlyList<string?>>
        {
            ["weak"] = pool.Select((p, i) => i == 7 ? null : "W " + p.Target).ToList(),
            ["weak2"] = pool.Select(p => "V " + p.Target).ToList(),
        };
        var inputs = new ConditionInputs(pool.Select(p => p.Source).ToList(), pool.Select(p => p.Target).ToList(), generated);
        var again = new ConditionInputs(inputs.Sources, inputs.HumanTargets, generated);
        foreach (var condition in plan.Spec.Conditions)
        {
            var small = condition.Compose(inputs, 500);
            var large = condition.Compose(inputs, 1000);
            Assert.Equal(small, large.Take(small.Count));
            Assert.Equal(large, condition.Compose(again, 1000));
            Assert.All(large, p => Assert.Equal(pool[inputs.Sources.ToList().IndexOf(p.Source)].Target, p.HumanTarget));
        }
        var c = plan.Spec.Conditions;
        // noise and flatten: the same sources as human, one pair each.
        Assert.Equal(pool.Take(1000).Select(p => p.Source), c[1].Compose(inputs, 1000).Select(p => p.Source));
        Assert.Equal(pool.Take(1000).Select(p => p.Source), c[3].Compose(inputs, 1000).Select(p => p.Source));
        Assert.Equal(999, c[2].Compose(inputs, 1000).Count);          // weak failed on one source
        // multi: size counts pairs, from ⌈n/2⌉ sources, each with both generators' targets (one failed).
        var multi = c[4].Compose(inputs, 1000);
        Assert.Equal(999, multi.Count);
        Assert.Equal(500, multi.Select(p => p.Source).Distinct().Count());
        Assert.Equal(["weak", "weak2"], multi.Take(2).Select(p => p.Origin));
        Assert.Equal(2, c[4].Compose(inputs, 3).Select(p => p.Source).Distinct().Count());

        // The noised targets are about 20% edited; the flattened ones keep most of the wording.
        var noised = c[1].Compose(inputs, 1000);
        double ter = new Ter().Statistics([.. noised.Select(p => p.Target)], [[.. noised.Select(p => p.HumanTarget)]]).Score().Score;
        Assert.InRange(ter, 12, 32);
        var flat = c[3].Compose(inputs, 1000);
        double chrf = new Chrf().Statistics([.. flat.Select(p => p.Target)], [[.. flat.Select(p => p.HumanTarget)]]).Score().Score;
        Assert.InRange(chrf, 90, 100);
    }

    [Fact]
    public void A_condition_that_learns_from_the_pool_keys_its_students_on_the_whole_pool()
    {
        // A given tokenizer (only its bytes are keyed here): else the tokenizer, trained on the whole pool, would change every key anyway.
        string tokenizer = data.Write("{}", "tokenizer.json");
        string WithTokenizer(string yaml) => yaml.Replace("  vocab_size: 400\n", $"  tokenizer: {tokenizer}\n");
        var conditions = "  - flatten: {strength: 0.5}\n  - noise: {rate: 0.1}";
        var narrow = Plan(WithTokenizer(Spec(conditions, sizes: "[60, 120]")));
        var wide = Plan(WithTokenizer(Spec(conditions, sizes: "[60, 240]")));
        Assert.NotNull(narrow.Spec.Student.TokenizerPath);
        Assert.Equal(narrow.StudentPool.Take(60), wide.StudentPool.Take(60));
        var (narrowKeys, wideKeys) = (new StudyKeys(narrow), new StudyKeys(wide));
        StudyCell Cell(StudyPlan plan, string condition) => plan.Cells.First(x => x.Condition.Name == condition && x.Size == 60);
        Assert.Equal(narrowKeys.Student(Cell(narrow, "human")), wideKeys.Student(Cell(wide, "human")));
        Assert.NotEqual(narrowKeys.Student(Cell(narrow, "flatten-0_5")), wideKeys.Student(Cell(wide, "flatten-0_5")));
        Assert.NotEqual(narrowKeys.Student(Cell(narrow, "noise-human-0_1")), wideKeys.Student(Cell(wide, "noise-human-0_1")));
    }

    [Fact]
    public void Reduced_study_runs_the_new_conditions_end_to_end_and_measures_their_data()
    {
        string run = Path.Combine(data.Folder, "run");
        string conditions = "  - synthetic: weak\n  - synthetic: weak2\n  - noise: {rate: 0.3}\n  - flatten: {strength: 1}\n  - multi: [weak, weak2]";
        var summary = new StudyRunner(Plan(Spec(conditions, sizes: "[60]", generators: Generators)),
            new StudyRunOptions { RunDirectory = run, Threads = 2 }).Execute();
        Assert.Equal((6, 6, 0), (summary.Cells, summary.Done, summary.Failed));
        var rows = File.ReadAllLines(Path.Combine(run, "data.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["human", "synthetic", "synthetic", "noise", "flatten", "multi"], rows.Select(r => (string)r["condition_type"]!));
        Assert.Contains("0.3 of their tokens", (string)rows[3]["description"]!);
        Assert.Equal(60, (int)rows[3]["distinct_sources"]!);
        Assert.Equal(60, (int)rows[5]["pairs"]!);
        Assert.Equal(30, (int)rows[5]["distinct_sources"]!);

        var analysis = StudyAnalysis.Of(run);
        var noise = analysis.Data.Single(d => d.ConditionType == "noise");
        Assert.InRange(noise.Ter.Score, 15, 50);
        Assert.True(analysis.Data.Single(d => d.ConditionType == "flatten").Ter.Score < noise.Ter.Score);
        StudyReport.Write(run);
        var markdown = File.ReadAllText(Path.Combine(run, "report.md"));
        Assert.Contains("0.3 of their tokens corrupted", markdown);
        Assert.Contains("60 pairs from 30 distinct sources", markdown);
        Assert.Contains("MTLD of the mix", markdown);
        Assert.Contains("weak2 (synthetic-weak2) ", markdown);
    }
}
