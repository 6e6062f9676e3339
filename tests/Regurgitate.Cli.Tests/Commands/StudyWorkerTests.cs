using System.Text.Json.Nodes;

namespace Regurgitate.Tests;

/// <summary>Several `study run --worker` processes on one run directory, as on one machine or a cluster's shared filesystem.</summary>
[Collection(nameof(StudyCommandTests))]
public sealed class StudyWorkerTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "regurg-study-worker-tests", Guid.NewGuid().ToString("N"));

    public StudyWorkerTests() => Directory.CreateDirectory(folder);

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>The small study with a mix, so that cells wait on the teacher and the tokenizer that all of them share.</summary>
    string WriteSpec()
    {
        string spec = Path.Combine(folder, "spec.yaml");
        File.WriteAllText(spec, StudyCommandTests.Spec("[human, {synthetic: weak}, {mix: {human: 0.5, weak: 0.5}}]"));
        return spec;
    }

    string[] Arguments(string spec, string run, params string[] more) =>
        ["study", "run", spec, "--out", run, "--threads", "1", "--data-dir", TestData.Root, .. more];

    async Task<string> SingleRun(string spec)
    {
        string run = Path.Combine(folder, "single");
        var (code, output) = await ChildCli.RunToEndAsync(Arguments(spec, run, "--no-report"));
        Assert.True(code == 0, output);
        return run;
    }

    /// <summary>The artifacts each kind holds, to show shared work was built once.</summary>
    static int Count(string run, string kind) =>
        Directory.Exists(Path.Combine(run, "artifacts", kind)) ? Directory.GetDirectories(Path.Combine(run, "artifacts", kind)).Length : 0;

    [Fact]
    public async Task Four_workers_started_at_once_give_the_results_of_a_single_run()
    {
        string spec = WriteSpec();
        string single = await SingleRun(spec);
        string shared = Path.Combine(folder, "workers");
        var workers = Enumerable.Range(0, 4).Select(_ => ChildCli.Start(Arguments(spec, shared, "--worker"))).ToList();
        try
        {
            var codes = await Task.WhenAll(workers.Select(w => w.ExitCodeAsync(TimeSpan.FromMinutes(15))));
            Assert.True(codes.All(c => c == 0), string.Join("\n----\n", workers.Select(w => w.Output + w.Error)));
            Assert.Equal(StudyCommandTests.WithoutTimes(Path.Combine(single, "results.jsonl")), StudyCommandTests.WithoutTimes(Path.Combine(shared, "results.jsonl")));
            foreach (var cell in Directory.GetDirectories(Path.Combine(single, "cells")).Select(Path.GetFileName))
                Assert.Equal(File.ReadAllText(Path.Combine(single, "cells", cell!, "test.hyp")), File.ReadAllText(Path.Combine(shared, "cells", cell!, "test.hyp")));
            // Shared work was built exactly once: one tokenizer, one teacher, one generation, and each cell run by one worker.
            Assert.Equal((1, 1, 1), (Count(shared, "tokenizer"), Count(shared, "teacher"), Count(shared, "generated")));
            Assert.Equal(1, workers.Count(w => w.Output.Contains("teacher weak: training", StringComparison.Ordinal)));
            Assert.Equal(6, workers.Sum(w => w.Output.Split('\n').Count(l => l.Contains("]", StringComparison.Ordinal) && l.Contains(": BLEU ", StringComparison.Ordinal))));
            // The worker that saw the last result closed the run: study-level files and one report.
            Assert.Equal(1, workers.Count(w => w.Output.Contains("report: ", StringComparison.Ordinal)));
            Assert.NotNull(JsonNode.Parse(File.ReadAllText(Path.Combine(shared, "run.json")))!["finished"]);
            Assert.Empty(Directory.GetFiles(shared, "*.claim", SearchOption.AllDirectories));
        }
        finally
        {
            foreach (var w in workers) w.Dispose();
        }
    }

    [Fact]
    public async Task A_worker_killed_mid_cell_leaves_its_claim_to_the_others_and_the_results_are_the_same()
    {
        string spec = WriteSpec();
        string single = await SingleRun(spec);
        string shared = Path.Combine(folder, "workers");
        var workers = Enumerable.Range(0, 4).Select(_ => ChildCli.Start(Arguments(spec, shared, "--worker"))).ToList();
        try
        {
            // Kill -9 the first worker seen holding a cell, while it trains or translates it.
            ChildCli? victim = null;
            string? cell = null;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (victim == null && clock.Elapsed < TimeSpan.FromMinutes(10))
            {
                foreach (var claim in Directory.Exists(Path.Combine(shared, "cells")) ? Directory.GetFiles(Path.Combine(shared, "cells"), ".claim", SearchOption.AllDirectories) : [])
                {
                    int? pid;
                    try { pid = (int?)JsonNode.Parse(File.ReadAllText(claim))?["pid"]; }
                    catch (Exception e) when (e is IOException or System.Text.Json.JsonException) { continue; }
                    victim = workers.FirstOrDefault(w => w.Id == pid && !w.HasExited);
                    if (victim != null) { cell = Path.GetFileName(Path.GetDirectoryName(claim)); break; }
                }
                await Task.Delay(50);
            }
            Assert.NotNull(victim);
            await victim.KillAsync();

            var others = workers.Where(w => w != victim).ToList();
            var codes = await Task.WhenAll(others.Select(w => w.ExitCodeAsync(TimeSpan.FromMinutes(15))));
            Assert.True(codes.All(c => c == 0), string.Join("\n----\n", others.Select(w => w.Output + w.Error)));
            Assert.Contains(others, w => w.Output.Contains($"{cell}: BLEU", StringComparison.Ordinal));
            Assert.Equal(StudyCommandTests.WithoutTimes(Path.Combine(single, "results.jsonl")), StudyCommandTests.WithoutTimes(Path.Combine(shared, "results.jsonl")));
            Assert.Equal(File.ReadAllText(Path.Combine(single, "cells", cell!, "test.hyp")), File.ReadAllText(Path.Combine(shared, "cells", cell!, "test.hyp")));
        }
        finally
        {
            foreach (var w in workers) w.Dispose();
        }
    }
}
