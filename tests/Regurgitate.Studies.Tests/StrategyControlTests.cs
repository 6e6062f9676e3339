using System.Globalization;
using System.Text.Json.Nodes;
using Regurgitate.Errors;
using Regurgitate.Metrics;
using Regurgitate.Quality;
using Regurgitate.RunDirectories;
using Regurgitate.Studies;

namespace Regurgitate.Tests;

/// <summary>
/// The controls of the selecting strategies on the real Multi30k pool: pruned-human (the same ordering applied to the
/// pool's human targets) and the oracle (a generator's pairs by sentence chrF against the human target), and the pool
/// facts data.jsonl gives for equal-pool comparisons.
/// </summary>
public sealed class StrategyControlTests : IDisposable
{
    readonly StudyTestData data = new();

    public void Dispose() => data.Dispose();

    static string Spec(string conditions, string extraData = "") => StudyTestData.SmallSpec()
        .Replace("  overlap: drop", "  overlap: drop" + extraData)
        .Replace("  - synthetic: weak\n  - mix: {human: 0.5, weak: 0.5}", conditions);

    StudyPlan Plan(string yaml) => StudyPlan.Create(StudySpec.Load(data.Write(yaml)), StudyTestData.Data);

    const string Controls = "  - ordered: {generator: human, by: errors}\n  - ordered: {generator: human, by: combined, scorer: weak}"
        + "\n  - ranked: {generator: human, detector: neural, against: weak}\n  - ordered: {generator: weak, by: oracle}";

    [Fact]
    public void Control_forms_parse_into_their_types_scores_and_names()
    {
        var conditions = Plan(Spec(Controls, "\n  pool: 300")).Spec.Conditions.OfType<ScoreOrderedCondition>().ToList();
        Assert.Equal(["pruned-human-quality-errors", "pruned-human-quality-combined-weak", "pruned-human-detector-neural-vs-weak", "oracle-weak"],
            conditions.Select(c => c.Name));
        Assert.Equal(["pruned-human", "pruned-human", "pruned-human", "oracle"], conditions.Select(c => c.Type));
        // Human data needs no generation stage; the oracle rates its generator's targets.
        Assert.All(conditions.Take(3), c => Assert.Empty(c.Generators));
        Assert.Equal(["weak"], conditions[3].Generators);
        Assert.Equal(new PairScoreRequest("human", "quality", "combined", "weak"), conditions[1].Score);
        Assert.Equal(new PairScoreRequest("human", "detector", "neural", Against: "weak"), conditions[2].Score);
        Assert.Equal(new PairScoreRequest("weak", "oracle", "chrF"), conditions[3].Score);
        Assert.Equal(["quality:errors", "quality:combined:weak", "detector:neural:vs-weak", "oracle:chrF"], conditions.Select(c => c.Ordering));
        Assert.All(conditions, c => Assert.True(c.SelectsFromWholePool));
    }

    [Fact]
    public void Pruned_human_ranks_by_the_detector_its_strategy_uses_and_keys_apart_from_it()
    {
        var plan = Plan(Spec("  - ranked: {generator: weak}\n  - ranked: {generator: human, against: weak}\n  - ordered: {generator: weak, by: combined}\n  - ordered: {generator: human, by: combined}",
            "\n  pool: 300\n  detector_pool: 200"));
        var keys = new StudyKeys(plan);
        var ranked = plan.Spec.Conditions.OfType<ScoreOrderedCondition>().ToList();
        // The same detector: trained on human vs weak's targets for the detector pool.
        Assert.Equal(keys.Detector(ranked[0].Score), keys.Detector(ranked[1].Score));
        Assert.Equal(4, keys.Scores.Values.Distinct().Count());
        var cells = plan.Cells.Where(c => c.Size == 60).ToList();
        Assert.Equal(cells.Count, cells.Select(keys.Student).Distinct().Count());
        // Adding the controls leaves the strategies' score keys as they were (cached scores stay).
        var alone = new StudyKeys(Plan(Spec("  - ranked: {generator: weak}\n  - ordered: {generator: weak, by: combined}", "\n  pool: 300\n  detector_pool: 200")));
        Assert.Equal(alone.Scores["detector-weak-linear"], keys.Scores["detector-weak-linear"]);
        Assert.Equal(alone.Scores["quality-weak-combined"], keys.Scores["quality-weak-combined"]);
    }

    [Fact]
    public void Pruned_human_takes_the_best_n_human_pairs_of_the_whole_pool_and_nests()
    {
        var plan = Plan(Spec("  - ordered: {generator: human, by: errors}", "\n  pool: 300"));
        var pool = plan.StudentPool;
        var condition = plan.Spec.Conditions.OfType<ScoreOrderedCondition>().Single();
        // Real scores of the human targets: the error gate, with ties (most pairs score 1) kept in pool order.
        var scores = PairScoring.Quality("errors", PairScoring.HumanPairs(pool.Select(p => p.Source).ToList(), pool.Select(p => p.Target).ToList()),
            pool.Count, [], null, "en", CancellationToken.None);
        // Make the pool's first positions the worst, so taking the pool's first n and the best n differ.
        var adjusted = scores.Select((s, i) => i < 80 ? 0.0 : s).ToList();
        var inputs = Inputs(plan, [], new() { [condition.Score.Id] = adjusted });
        var small = condition.Compose(inputs, 60);
        var large = condition.Compose(inputs, 120);
        Assert.Equal(small, large.Take(60));
        var expected = Enumerable.Range(0, pool.Count).OrderByDescending(i => adjusted[i]).ThenBy(i => i).Take(120).ToList();
        Assert.Equal(expected.Select(i => (pool[i].Source, pool[i].Target)), large.Select(p => (p.Source, p.Target)));
        Assert.All(large, p => Assert.Equal("human", p.Origin));
        Assert.All(large, p => Assert.Equal(p.HumanTarget, p.Target));
        Assert.DoesNotContain(large, p => pool.Take(80).Any(q => q.Source == p.Source));
    }

    [Fact]
    public void Oracle_orders_by_sentence_chrf_best_first_ties_in_pool_order()
    {
        var plan = Plan(Spec("  - ordered: {generator: weak, by: oracle}", "\n  pool: 300"));
        var pool = plan.StudentPool;
        var condition = plan.Spec.Conditions.OfType<ScoreOrderedCondition>().Single();
        // A "generator" that copies the human target for every 7th source (chrF 100: ties), drops words from the
        // others, and fails on every 10th.
        var generated = pool.Select((p, i) => i % 10 == 9 ? null : i % 7 == 0 ? p.Target : string.Join(' ', p.Target.Split(' ').Where((_, k) => k % (2 + i % 3) != 1))).ToList();
        var scores = PairScoring.Oracle(generated, pool.Select(p => p.Target).ToList(), CancellationToken.None);
        var chrf = new Chrf();
        for (int i = 0; i < pool.Count; i++)
            Assert.Equal(generated[i] is string g ? chrf.SentenceScore(g, [pool[i].Target]).Score : null, scores[i]);
        var inputs = Inputs(plan, generated, new() { [condition.Score.Id] = scores });
        var large = condition.Compose(inputs, 120);
        Assert.Equal(condition.Compose(inputs, 60), large.Take(60));
        Assert.Equal(large, condition.Compose(inputs, 120));
        var position = pool.Select((p, i) => (p.Source, i)).GroupBy(x => x.Source).ToDictionary(g => g.Key, g => g.First().i);
        var order = large.Select(p => position[p.Source]).ToList();
        // The copies come first, in pool order; then chrF never rises.
        var copies = Enumerable.Range(0, pool.Count).Where(i => i % 7 == 0 && i % 10 != 9).ToList();
        Assert.Equal(copies, order.Take(copies.Count));
        Assert.All(order.Zip(order.Skip(1)), x => Assert.True(scores[x.First] > scores[x.Second] || (scores[x.First] == scores[x.Second] && x.First < x.Second)));
        Assert.True(scores[order[0]] > scores[order[^1]] + 10, "the first pairs are much closer to the human targets than the last");
        Assert.All(large, p => Assert.Equal("weak", p.Origin));
    }

    [Fact]
    public void A_reduced_study_scores_human_targets_and_the_oracle_and_records_pool_facts()
    {
        string conditions = "  - ranked: {generator: weak}\n  - ordered: {generator: human, by: combined}\n  - ranked: {generator: human, against: weak}\n  - ordered: {generator: weak, by: oracle}";
        var plan = Plan(Spec(conditions, "\n  pool: 200\n  detector_pool: 150"));
        var run = new RunContext(plan, new StudyRunOptions { RunDirectory = Path.Combine(data.Folder, "run"), Threads = 2 }, _ => { }, null);
        RunDirectoryFiles.Prepare(run, writeShared: true);
        // The teacher, its translations and the pair scores; no tokenizer and no student is needed for the data.
        foreach (var unit in StudyStages.SharedFor(run, plan.Cells).Where(u => u is not TokenizerStage))
            unit.Run(CancellationToken.None);
        Assert.Empty(run.GeneratorFailures);
        Assert.Empty(run.ScoreFailures);
        RunDirectoryFiles.WriteDataAndGenerators(run);

        var inputs = run.Inputs();
        var pool = plan.StudentPool;
        var humanTargets = pool.Select(p => p.Target).ToList();
        var weak = inputs.Generated["weak"];
        var rows = File.ReadAllLines(run.Layout.Data).Select(l => DataRow.FromJson(new RecordFields(JsonNode.Parse(l)!.AsObject()))).ToDictionary(r => r.Condition);
        Assert.Equal((120, null, "human"), (rows["human"].Pool, rows["human"].Ordering, rows["human"].ConditionType));
        Assert.Equal((200, "detector:linear:vs-weak"), (rows["ranked-weak"].Pool, rows["ranked-weak"].Ordering));
        var quality = rows["pruned-human-quality-combined"];
        Assert.Equal((200, "quality:combined", "pruned-human"), (quality.Pool, quality.Ordering, quality.ConditionType));
        Assert.Empty(quality.Generators);
        Assert.Equal((200, "detector:linear:vs-weak", "pruned-human"), (rows["pruned-human-detector-linear-vs-weak"].Pool, rows["pruned-human-detector-linear-vs-weak"].Ordering, rows["pruned-human-detector-linear-vs-weak"].ConditionType));
        Assert.Equal((200, "oracle:chrF", "oracle"), (rows["oracle-weak"].Pool, rows["oracle-weak"].Ordering, rows["oracle-weak"].ConditionType));
        Assert.Equal(["weak"], rows["oracle-weak"].Generators);

        // pruned-human's combined score is computed on the human targets: the error gate and agreement with weak's targets.
        var human = PairScoring.HumanPairs(pool.Select(p => p.Source).ToList(), humanTargets);
        var direct = QualityScoring.Score(human, [new ErrorFreeScore(new ErrorOptions(TargetScripts.For("en")!)), new AgreementScore([weak])],
            new ErrorOptions(TargetScripts.For("en")!)).Of("combined");
        var combined = inputs.Scores["quality-human-combined"];
        Assert.Equal(direct, combined);
        // Its data at the largest size: the human targets of the 120 best-scored positions of all 200.
        var best = Enumerable.Range(0, 200).OrderByDescending(i => combined[i]).ThenBy(i => i).Take(120).ToList();
        Assert.Equal(best.Select(i => humanTargets[i]), File.ReadAllLines(Path.Combine(run.Layout.Root, quality.Targets)));
        Assert.Contains(best, i => i >= 120);

        // The detector of the human targets is ranked's detector (human vs weak), applied to other targets.
        var pHumanOfHuman = inputs.Scores["detector-human-linear-vs-weak"];
        var pHumanOfWeak = inputs.Scores["detector-weak-linear"];
        Assert.All(pHumanOfHuman, p => Assert.InRange(p!.Value, 0, 1));
        Assert.True(pHumanOfHuman.Average(p => p!.Value) > pHumanOfWeak.Where(p => p != null).Average(p => p!.Value),
            "the detector finds the human targets more human-like than the teacher's");
        var rankedHuman = plan.Spec.Conditions.Single(c => c.Name == "pruned-human-detector-linear-vs-weak");
        Assert.Equal(rankedHuman.Compose(inputs, 60), rankedHuman.Compose(inputs, 120).Take(60));

        // The oracle: sentence chrF of weak's targets against the human ones; its data best first.
        var oracle = inputs.Scores["oracle-weak-chrF"];
        var chrf = new Chrf();
        for (int i = 0; i < 200; i++)
            Assert.Equal(weak[i] is string t ? chrf.SentenceScore(t, [humanTargets[i]]).Score : null, oracle[i]);
        var oracleTargets = File.ReadAllLines(Path.Combine(run.Layout.Root, rows["oracle-weak"].Targets));
        var oracleHuman = File.ReadAllLines(Path.Combine(run.Layout.Root, rows["oracle-weak"].HumanTargets));
        var chosen = oracleTargets.Zip(oracleHuman, (t, h) => chrf.SentenceScore(t, [h]).Score).ToList();
        Assert.True(chosen.Take(30).Average() > chosen.Skip(90).Average(), "the first pairs are closer to the human targets than the later ones");
        Assert.All(chosen.Zip(chosen.Skip(1)), x => Assert.True(x.First >= x.Second));
    }

    [Fact]
    public void Strategies_study_controls_each_selecting_strategy_on_other()
    {
        var spec = StudySpec.Load(Path.Combine(StudyPlanTests.BundledStudies(), "strategies.yaml"));
        var ordered = spec.Conditions.OfType<ScoreOrderedCondition>().ToList();
        var strategies = ordered.Where(c => c.Type is "ordered" or "ranked" && c.Score.Generator == "other").ToList();
        Assert.Equal(2, strategies.Count);
        // Each has a pruned-human control with the same score (the detector trained against other's targets).
        foreach (var strategy in strategies)
            Assert.Single(ordered, c => c.Type == "pruned-human" && c.Score == strategy.Score with { Generator = "human", Against = strategy.Score.Kind == "detector" ? "other" : null });
        Assert.Single(ordered, c => c.Type == "oracle" && c.Score.Generator == "other");
        Assert.Equal(14, spec.Conditions.Count);
        Assert.Contains($"{spec.Conditions.Count} conditions x 3 sizes x 2 seeds = {spec.Conditions.Count * 6} students", File.ReadAllText(spec.File));
    }

    [Fact]
    public void Data_rows_written_before_pool_and_ordering_read_them_as_missing()
    {
        var old = JsonNode.Parse("""{"condition": "human", "condition_type": "human", "generators": [], "size": 60, "sources": "s", "targets": "t", "human_targets": "h", "target_lang": "en"}""")!.AsObject();
        var fields = new RecordFields(old);
        var row = DataRow.FromJson(fields);
        Assert.Equal((null, null), (row.Pool, row.Ordering));
        Assert.Contains("pool", fields.Absent);
        Assert.Contains("ordering", fields.Absent);
        var written = (row with { Pool = 300, Ordering = "oracle:chrF" }).ToJson();
        Assert.Equal((300, "oracle:chrF"), ((int)written["pool"]!, (string)written["ordering"]!));
        var back = DataRow.FromJson(new RecordFields(JsonNode.Parse(written.ToJsonString())!.AsObject()));
        Assert.Equal((300, "oracle:chrF"), (back.Pool, back.Ordering));
    }

    /// <summary>Bad controls: (what is wrong, the conditions, the line, a phrase of the message).</summary>
    public static TheoryData<string, string, int, string> BadControls() => new()
    {
        { "confidence of human targets", "  - ordered: {generator: human, by: confidence}", 19, "human targets have none" },
        { "oracle of human targets", "  - ordered: {generator: human, by: oracle}", 19, "every human target would score 100" },
        { "oracle with a scorer", "  - ordered: {generator: weak, by: oracle, scorer: weak}", 19, "'by: oracle' uses no scorer" },
        { "human ranked without a detector's generator", "  - ranked: {generator: human}", 19, "needs 'against: G'" },
        { "against on a generator", "  - ranked: {generator: weak, against: file}", 19, "'against' is for 'generator: human' only" },
        { "against an undefined generator", "  - ranked: {generator: human, against: strong}", 19, "generator 'strong', which is not defined" },
        { "weighted human targets", "  - weighted: {generator: human}", 19, "'human' is the pool's human data, not a generator" },
        { "synthetic human targets", "  - synthetic: human", 19, "'human' is the pool's human data" },
    };

    [Theory]
    [MemberData(nameof(BadControls))]
    public void Bad_controls_name_file_line_and_what_would_work(string problem, string conditions, int line, string phrase)
    {
        string yaml = Spec(conditions).Replace("conditions:", "  file: {type: file, path: x.txt}\nconditions:");
        string path = data.Write(yaml);
        var error = Assert.Throws<InputException>(() => StudySpec.Parse(File.ReadAllText(path), path));
        Assert.True(error.Line == line, $"{problem}: line {error.Line}, expected {line}: {error.Message}");
        Assert.Contains(phrase, error.Message);
        Assert.Equal(path, error.File);
    }

    [Fact]
    public void Agreement_of_human_targets_needs_a_generator_and_no_generator_may_be_named_human()
    {
        string none = $"""
            name: none
            {StudyTestData.DataBlock}
            student: {"{"}preset: tiny{"}"}
            conditions:
              - ordered: {"{"}generator: human, by: agreement{"}"}
            sizes: [10]
            seeds: [1]
            """;
        var error = Assert.Throws<InputException>(() => StudySpec.Parse(none, data.Write(none)));
        Assert.Contains("defines none", error.Message);
        Assert.Equal(none.Split('\n').ToList().FindIndex(l => l.Contains("agreement")) + 1, error.Line);
        // With no generator, the error gate alone still orders human targets.
        string errors = none.Replace("by: agreement", "by: errors");
        Assert.Equal("pruned-human-quality-errors", StudySpec.Parse(errors, data.Write(errors)).Conditions.Single().Name);

        string named = Spec("  - synthetic: weak").Replace("conditions:", "  human: {type: file, path: x.txt}\nconditions:");
        var reserved = Assert.Throws<InputException>(() => StudySpec.Parse(named, data.Write(named)));
        Assert.Contains("and not 'human'", reserved.Message);
        Assert.Equal(16, reserved.Line);
    }

    static ConditionInputs Inputs(StudyPlan plan, IReadOnlyList<string?> weak, Dictionary<string, IReadOnlyList<double?>> scores)
    {
        var pool = plan.StudentPool;
        var generated = new Dictionary<string, IReadOnlyList<string?>>();
        if (weak.Count > 0) generated["weak"] = weak;
        return new ConditionInputs(pool.Select(p => p.Source).ToList(), pool.Select(p => p.Target).ToList(), generated) { Scores = scores };
    }
}
