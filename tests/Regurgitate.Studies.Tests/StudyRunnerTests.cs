using System.Globalization;
using Regurgitate.RunDirectories;
using System.Text.Json.Nodes;
using Regurgitate.Studies;

namespace Regurgitate.Tests;

/// <summary>Real (tiny) study runs on Multi30k: what a run writes, what a rerun redoes, and what a failure does.</summary>
public sealed class StudyRunnerTests : IDisposable
{
    readonly StudyTestData data = new();

    public void Dispose() => data.Dispose();

    StudyRunSummary Run(string yaml, string run, List<string>? log = null) =>
        new StudyRunner(StudyPlan.Create(StudySpec.Load(data.Write(yaml)), StudyTestData.Data),
            new StudyRunOptions { RunDirectory = run, Threads = 2 }, line => log?.Add(line)).Execute();

    static HashSet<string> Artifacts(string run, string kind)
    {
        string folder = Path.Combine(run, "artifacts", kind);
        return Directory.Exists(folder) ? Directory.GetDirectories(folder).Select(Path.GetFileName).Select(n => n!).ToHashSet() : [];
    }

    static Dictionary<string, string> Results(string run) =>
        File.ReadAllLines(Path.Combine(run, "results.jsonl")).ToDictionary(l => (string)JsonNode.Parse(l)!["cell"]!, l => l);

    [Fact]
    public void Editing_the_teacher_reruns_only_what_depends_on_it()
    {
        string run = Path.Combine(data.Folder, "run");
        var first = Run(StudyTestData.SmallSpec(teacherEpochs: 1), run);
        Assert.Equal((6, 6, 0), (first.Cells, first.Done, first.Failed));

        // The run directory holds what the report reads.
        foreach (var file in new[] { "spec.yaml", "run.json", "results.jsonl", "results.csv", "test.src", "test.ref", "data.jsonl", "generators.jsonl" })
            Assert.True(File.Exists(Path.Combine(run, file)), file);
        Assert.Equal(40, File.ReadAllLines(Path.Combine(run, "test.src")).Length);
        var results = Results(run);
        Assert.Equal(6, results.Count);
        foreach (var (cell, line) in results)
        {
            var row = JsonNode.Parse(line)!;
            Assert.Equal("done", (string)row["status"]!);
            Assert.Equal($"cells/{cell}/test.hyp", (string)row["hypotheses"]!);
            Assert.Equal(40, File.ReadAllLines(Path.Combine(run, "cells", cell, "test.hyp")).Length);
            Assert.StartsWith("nrefs:1|case:mixed|eff:no|tok:13a", (string)row["bleu_signature"]!);
        }
        Assert.Equal(3, File.ReadAllLines(Path.Combine(run, "data.jsonl")).Length);
        var generator = JsonNode.Parse(File.ReadAllLines(Path.Combine(run, "generators.jsonl")).Single())!;
        Assert.Equal("teacher", (string)generator["type"]!);
        Assert.NotNull(generator["test_bleu"]);
        var runJson = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "run.json")))!;
        Assert.Equal("de-en", (string)runJson["direction"]!);
        Assert.NotNull(runJson["finished"]);

        var students = Artifacts(run, "student");
        var teachers = Artifacts(run, "teacher");
        Assert.Equal(6, students.Count);

        // A rerun of the same spec trains nothing and gives the same rows.
        var log = new List<string>();
        Run(StudyTestData.SmallSpec(teacherEpochs: 1), run, log);
        Assert.Contains(log, l => l.Contains("6 of 6 cells already done"));
        Assert.Equal(students, Artifacts(run, "student"));
        Assert.Equal(results, Results(run));

        // A different teacher: a new teacher, new synthetic and mixed students; the human cells stay as they were.
        Run(StudyTestData.SmallSpec(teacherEpochs: 2), run);
        var after = Results(run);
        Assert.Equal(teachers.Count + 1, Artifacts(run, "teacher").Count);
        Assert.Equal(students.Count + 4, Artifacts(run, "student").Count);
        foreach (var cell in new[] { "human.n60.s1", "human.n120.s1" }) Assert.Equal(results[cell], after[cell]);

        // A different mix: only the mix's students are new.
        var before = Artifacts(run, "student");
        Run(StudyTestData.SmallSpec(teacherEpochs: 2, mix: "{human: 0.75, weak: 0.25}"), run);
        var added = Artifacts(run, "student").Except(before).ToList();
        Assert.Equal(2, added.Count);
        Assert.Contains("mix-human-weak.n60.s1", Results(run).Keys);
    }

    [Fact]
    public void A_failed_generator_fails_its_cells_with_the_reason_and_the_others_run()
    {
        string broken = data.Write("only one line\n", "broken.en");
        string yaml = $"""
            name: failing
            {StudyTestData.DataBlock}
            student: {"{"}preset: tiny, vocab_size: 400, epochs: 1, warmup: 20{"}"}
            generators:
              imported: {"{"}type: file, path: {broken}{"}"}
            conditions: [human, {"{"}synthetic: imported{"}"}]
            sizes: [60]
            seeds: [1]
            """;
        string run = Path.Combine(data.Folder, "run");
        var summary = Run(yaml, run);
        Assert.Equal((2, 1, 1), (summary.Cells, summary.Done, summary.Failed));
        var rows = Results(run).ToDictionary(kv => kv.Key, kv => JsonNode.Parse(kv.Value)!);
        Assert.Equal("done", (string)rows["human.n60.s1"]["status"]!);
        var failed = rows["synthetic-imported.n60.s1"];
        Assert.Equal("failed", (string)failed["status"]!);
        Assert.Contains("generator 'imported' failed", (string)failed["error"]!);
        Assert.Contains("has 1 lines but there are 60 sources", (string)failed["error"]!);
        Assert.Null(failed["bleu"]);
        Assert.Null(failed["test_nll"]);
        Assert.Contains("has 1 lines", (string)JsonNode.Parse(File.ReadAllLines(Path.Combine(run, "generators.jsonl")).Single())!["error"]!);
    }

    [Fact]
    public void Cancelling_stops_between_cells_and_a_rerun_finishes_with_the_same_rows()
    {
        string yaml = StudyTestData.SmallSpec().Replace("  - synthetic: weak\n", "").Replace("  - mix: {human: 0.5, weak: 0.5}\n", "");
        string interrupted = Path.Combine(data.Folder, "interrupted"), straight = Path.Combine(data.Folder, "straight");
        using var cancel = new CancellationTokenSource();
        var plan = StudyPlan.Create(StudySpec.Load(data.Write(yaml)), StudyTestData.Data);
        var runner = new StudyRunner(plan, new StudyRunOptions { RunDirectory = interrupted, Threads = 2 },
            line => { if (line.StartsWith("[1/2]", StringComparison.Ordinal)) cancel.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => runner.Execute(cancel.Token));
        Assert.Single(File.ReadAllLines(Path.Combine(interrupted, "results.jsonl")));
        Assert.Null(JsonNode.Parse(File.ReadAllText(Path.Combine(interrupted, "run.json")))!["finished"]);

        Run(yaml, interrupted);
        Run(yaml, straight);
        Assert.Equal(WithoutTimes(Path.Combine(straight, "results.jsonl")), WithoutTimes(Path.Combine(interrupted, "results.jsonl")));

        // Each cell's NLL of the 40 test references: one line per sentence, whose sums give the row's NLL per token.
        foreach (var (cell, line) in Results(straight))
        {
            var row = JsonNode.Parse(line)!;
            double nll = (double)row["test_nll"]!;
            Assert.True(double.IsFinite(nll) && nll > 0, $"{cell}: test_nll {nll}");
            Assert.Equal($"cells/{cell}/test.nll", (string)row["sentence_nll"]!);
            var sentences = File.ReadAllLines(Path.Combine(straight, "cells", cell, "test.nll")).Select(l => l.Split('\t')).ToList();
            Assert.Equal(40, sentences.Count);
            long tokens = sentences.Sum(s => long.Parse(s[1], CultureInfo.InvariantCulture));
            Assert.Equal(tokens, (long)row["test_nll_tokens"]!);
            Assert.Equal(sentences.Sum(s => double.Parse(s[0], CultureInfo.InvariantCulture)) / tokens, nll, 1e-12);
        }

        // A cell run again (its record gone) takes its NLL from the cache: the artifact is not rebuilt.
        string again = "human.n60.s1";
        var likelihoods = Directory.GetFiles(Path.Combine(straight, "artifacts", "likelihood"), "done.json", SearchOption.AllDirectories);
        Assert.Equal(2, likelihoods.Length);
        var written = likelihoods.ToDictionary(f => f, f => (File.GetLastWriteTimeUtc(f), File.ReadAllText(f)));
        var before = WithoutTimes(Path.Combine(straight, "results.jsonl"));
        File.Delete(Path.Combine(straight, "cells", again, "result.json"));
        Run(yaml, straight);
        Assert.Equal(before, WithoutTimes(Path.Combine(straight, "results.jsonl")));
        Assert.All(likelihoods, f => Assert.Equal(written[f], (File.GetLastWriteTimeUtc(f), File.ReadAllText(f))));
        Assert.Single(File.ReadAllLines(Path.Combine(straight, "cells", again, "log")), l => l.Contains("scoring the test references"));
    }

    /// <summary>results.jsonl without its wall-time fields, which no two runs share.</summary>
    internal static List<string> WithoutTimes(string results) =>
        File.ReadAllLines(results).Select(line =>
        {
            var row = JsonNode.Parse(line)!.AsObject();
            foreach (var field in CellResult.TimeFields) row.Remove(field);
            return row.ToJsonString();
        }).ToList();
}

/// <summary>`init:` fine-tunes every student from a pretrained checkpoint.</summary>
public sealed class FineTuneTests : IDisposable
{
    readonly StudyTestData data = new();

    public void Dispose() => data.Dispose();

    [Theory]
    [InlineData("tiny")]
    [InlineData("lm-tiny")] // a decoder-only language model as the pretrained student
    public void Students_fine_tune_from_an_init_checkpoint_with_its_tokenizer(string preset)
    {
        string humanOnly(string student) => $"""
            name: pretrain
            {StudyTestData.DataBlock}
            student: {student}
            conditions: [human]
            sizes: [60]
            seeds: [1]
            """;
        string pretrainRun = Path.Combine(data.Folder, "pretrain");
        var pretrained = new StudyRunner(StudyPlan.Create(StudySpec.Load(data.Write(humanOnly($"{{preset: {preset}, vocab_size: 400, epochs: 1, warmup: 20}}"), "pretrain.yaml")), StudyTestData.Data),
            new StudyRunOptions { RunDirectory = pretrainRun, Threads = 2 });
        pretrained.Execute();
        string checkpoint = Path.Combine(pretrainRun, "artifacts", "student", pretrained.Keys.Student(StudyPlan.Create(StudySpec.Load(Path.Combine(data.Folder, "pretrain.yaml")), StudyTestData.Data).Cells[0]), "run");

        string fineTuneRun = Path.Combine(data.Folder, "finetune");
        var spec = StudySpec.Load(data.Write(humanOnly($"{{preset: {preset}, epochs: 1, warmup: 20, init: {checkpoint}}}"), "finetune.yaml"));
        Assert.Equal(checkpoint, spec.Student.Init);
        var summary = new StudyRunner(StudyPlan.Create(spec, StudyTestData.Data), new StudyRunOptions { RunDirectory = fineTuneRun, Threads = 2 }).Execute();
        Assert.Equal(1, summary.Done);
        // The students use the pretrained model's tokenizer, and the run says where they started from.
        string tokenizer = Directory.GetFiles(Path.Combine(fineTuneRun, "artifacts", "tokenizer"), "tokenizer.json", SearchOption.AllDirectories).Single();
        Assert.Equal(File.ReadAllBytes(Path.Combine(checkpoint, "tokenizer.json")), File.ReadAllBytes(tokenizer));
        var runJson = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(fineTuneRun, "run.json")))!;
        Assert.Equal(checkpoint, (string)runJson["student"]!["init"]!);
        // The student kept the pretrained architecture.
        string studentRun = Directory.GetDirectories(Path.Combine(fineTuneRun, "artifacts", "student")).Single();
        var config = Regurgitate.Training.Checkpoint.ReadConfig(Regurgitate.Training.Checkpoint.ResolveForInference(Path.Combine(studentRun, "run")));
        Assert.Equal(preset == "lm-tiny", config.IsDecoderOnly);
        // Forced decoding scores decoder-only students too.
        var row = JsonNode.Parse(File.ReadAllLines(Path.Combine(fineTuneRun, "results.jsonl")).Single())!;
        Assert.True((double)row["test_nll"]! is > 0 and < double.PositiveInfinity, row.ToJsonString());
    }
}
