using System.Diagnostics;
using System.Text.Json.Nodes;
using Regurgitate.Cli;

namespace Regurgitate.Tests;

/// <summary>Study commands run alone: they set libtorch's process-wide thread count and train models.</summary>
[CollectionDefinition(nameof(StudyCommandTests), DisableParallelization = true)]
public sealed class StudyCommandCollection;

[Collection(nameof(StudyCommandTests))]
public sealed class StudyCommandTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "regurg-study-cli-tests", Guid.NewGuid().ToString("N"));

    public StudyCommandTests() => Directory.CreateDirectory(folder);

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>A small study: tiny students for two epochs at 60 and 120 pairs, human vs a one-epoch teacher.</summary>
    static string Spec(string conditions = "[human, {synthetic: weak}]") => $$"""
        name: small
        data:
          train: multi30k:train:de-en
          valid: multi30k:val:de-en
          test: multi30k:test_2016_flickr:de-en
          valid_limit: 40
          test_limit: 40
          overlap: drop
        student: {preset: tiny, vocab_size: 400, epochs: 2, warmup: 20}
        generators:
          weak: {type: teacher, pairs: 150, epochs: 1, vocab_size: 400, warmup: 20, search: greedy}
        conditions: {{conditions}}
        sizes: [60, 120]
        seeds: [1]
        """;

    string Write(string yaml, string name = "spec.yaml")
    {
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    public static TheoryData<string, string, string> BadSpecs() => new()
    {
        { "unknown key", Spec().Replace("seeds: [1]", "seeds: [1]\nepochs: 3"), ":15: unknown key 'epochs'" },
        { "undefined generator", Spec("[human, {synthetic: strong}]"), ":12: condition refers to generator 'strong'" },
        { "bad mix", Spec("[human, {mix: {human: 0.7, weak: 0.7}}]"), ":12: the shares of a mix must sum to 1" },
        { "unknown preset", Spec().Replace("preset: tiny,", "preset: gigantic,"), ":9: unknown model preset 'gigantic'" },
        { "test sentences in training", Spec().Replace("train: multi30k:train:de-en", "train: multi30k:test_2016_flickr:de-en").Replace("overlap: drop", "overlap: error"), ":3: 40 training pair(s)" },
        { "sizes beyond the corpus", Spec().Replace("sizes: [60, 120]", "sizes: [60, 99999]"), ":13: the largest size (99,999)" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public async Task Bad_spec_exits_2_with_file_and_line_and_leaves_no_run_directory(string problem, string yaml, string message)
    {
        string spec = Write(yaml), run = Path.Combine(folder, "run");
        foreach (var command in new[] { "run", "plan" })
        {
            var (code, _, error) = await InProcessCli.Run("study", command, spec, "--out", run, "--data-dir", SharedCorpora.Root);
            Assert.True(code == 2, $"{problem}: exit {code}: {error}");
            Assert.StartsWith($"regurg: error: {spec}{message}", error);
            Assert.Single(error.TrimEnd().Split('\n'));
            Assert.False(Directory.Exists(run), $"{problem}: {command} left {run}");
        }
    }

    [Fact]
    public async Task Status_and_report_of_a_folder_that_is_no_run_exit_2()
    {
        var (code, _, error) = await InProcessCli.Run("study", "status", folder);
        Assert.Equal(2, code);
        Assert.Contains("no plan.json", error);
        (code, _, error) = await InProcessCli.Run("study", "report", folder);
        Assert.Equal(2, code);
        Assert.Contains("no results.jsonl", error);
    }

    static ProcessStartInfo Regurg(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(CommandLine).Assembly.Location);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        return start;
    }

    static async Task<(int Code, string Output)> RunToEnd(params string[] arguments)
    {
        using var process = Process.Start(Regurg(arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    static List<string> WithoutTimes(string results) =>
        File.ReadAllLines(results).Select(line =>
        {
            var row = JsonNode.Parse(line)!.AsObject();
            foreach (var field in new[] { "train_seconds", "decode_seconds", "seconds" }) row.Remove(field);
            return row.ToJsonString();
        }).ToList();

    [Fact]
    public async Task Kill_9_at_random_moments_then_run_gives_the_results_of_an_uninterrupted_run()
    {
        string spec = Write(Spec());
        string straight = Path.Combine(folder, "straight"), killed = Path.Combine(folder, "killed");
        string[] Arguments(string run) => ["study", "run", spec, "--out", run, "--threads", "1", "--no-report", "--data-dir", SharedCorpora.Root];

        var reference = await RunToEnd(Arguments(straight));
        Assert.True(reference.Code == 0, reference.Output);

        // Kill -9 (SIGKILL: no handler runs) at random moments: while the corpora load, the teacher trains or
        // generates, a student trains or translates, or results are written. The seed is printed on failure.
        int seed = Environment.TickCount;
        var random = new Random(seed);
        int kills = 0;
        for (int attempt = 0; attempt < 5; attempt++)
        {
            using var process = Process.Start(Regurg(Arguments(killed)))!;
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(1 + random.NextDouble() * 9)));
            if (process.HasExited) break;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            kills++;
        }
        Assert.True(kills > 0, $"seed {seed}: the run ended before the first kill");
        var resumed = await RunToEnd(Arguments(killed));
        Assert.True(resumed.Code == 0, $"seed {seed}, {kills} kills: {resumed.Output}");

        Assert.Equal(WithoutTimes(Path.Combine(straight, "results.jsonl")), WithoutTimes(Path.Combine(killed, "results.jsonl")));
        foreach (var cell in new[] { "human.n60.s1", "human.n120.s1", "synthetic-weak.n60.s1", "synthetic-weak.n120.s1" })
            Assert.Equal(File.ReadAllText(Path.Combine(straight, "cells", cell, "test.hyp")), File.ReadAllText(Path.Combine(killed, "cells", cell, "test.hyp")));
        Assert.Equal(WithoutTimes(Path.Combine(straight, "generators.jsonl")), WithoutTimes(Path.Combine(killed, "generators.jsonl")));
    }

    [Fact]
    public async Task Jobs_2_runs_cells_in_child_processes_and_status_reports_them()
    {
        string spec = Write(Spec("[human]").Replace("seeds: [1]", "seeds: [1, 2]"));
        string run = Path.Combine(folder, "run");
        var (code, output) = await RunToEnd("study", "run", spec, "--out", run, "--jobs", "2", "--no-report", "--data-dir", SharedCorpora.Root);
        Assert.True(code == 0, output);
        Assert.Contains("running 4 cells, 2 at a time, 1 thread(s) each", output);
        Assert.Contains("4 of 4 cells done, 0 failed", output);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(run, "results.jsonl")).Length);
        foreach (var cell in new[] { "human.n60.s1", "human.n60.s2", "human.n120.s1", "human.n120.s2" })
            Assert.True(File.Exists(Path.Combine(run, "cells", cell, "child.log")), cell);
        var runJson = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "run.json")))!;
        Assert.Equal(2, (int)runJson["hardware"]!["jobs"]!);

        var status = await InProcessCli.Run("study", "status", run);
        Assert.Equal(0, status.Code);
        Assert.Contains("4 done, 0 running, 0 failed, 0 pending of 4", status.Out);

        // One cell again, as a cluster array job would: nothing to do, same rows.
        var before = File.ReadAllText(Path.Combine(run, "results.jsonl"));
        (code, output) = await RunToEnd("study", "run", spec, "--out", run, "--cell", "human.n60.s2", "--data-dir", SharedCorpora.Root);
        Assert.True(code == 0, output);
        Assert.Equal(before, File.ReadAllText(Path.Combine(run, "results.jsonl")));

        var plan = await InProcessCli.Run("study", "plan", spec, "--out", run, "--data-dir", SharedCorpora.Root);
        Assert.Equal(0, plan.Code);
        Assert.Contains("human.n120.s2", plan.Out);
        Assert.Equal(4, plan.Out.Split('\n').Count(l => l.TrimEnd().EndsWith("cached", StringComparison.Ordinal)));
    }
}
