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
    internal static string Spec(string conditions = "[human, {synthetic: weak}]") => $$"""
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
        { "unclosed bracket", Spec().Replace("sizes: [60, 120]", "sizes: [60, 120"), ":13: invalid YAML" },
        { "sizes beyond the corpus", Spec().Replace("sizes: [60, 120]", "sizes: [60, 99999]"), ":13: the largest size (99,999)" },
        { "a tab in indentation", Spec().Replace("  valid_limit: 40", "\tvalid_limit: 40"), ":6: invalid YAML" },
        { "a second document", Spec() + "\n---\nname: other\nsizes: [1]\n", ":15: a spec is one YAML document, but a second one ('---') follows" },
        { "two billion sizes", Spec().Replace("sizes: [60, 120]", "sizes: {from: 1, step: 1, to: 2000000000}"), ":13: 'sizes' from 1 to 2000000000 in steps of 1 makes 2,000,000,000 sizes; a study may have at most 1,000" },
        { "a legal but large range", Spec().Replace("sizes: [60, 120]", "sizes: {from: 1, step: 1, to: 29000}"), ":13: 'sizes' from 1 to 29000 in steps of 1 makes 29,000 sizes" },
        { "too many listed sizes", Spec().Replace("sizes: [60, 120]", $"sizes: [{string.Join(", ", Enumerable.Range(1, 1001))}]"), ":13: 'sizes' lists 1,001 sizes" },
        { "a billion seeds", Spec().Replace("seeds: [1]", "seeds: 1000000000"), ":14: 'seeds' asks for 1,000,000,000 seeds; a study may have at most 1,000" },
        { "too many cells", Spec().Replace("sizes: [60, 120]", "sizes: {from: 10, step: 10, to: 10000}").Replace("seeds: [1]", "seeds: 10"), ":13: 2 conditions x 1000 sizes x 10 seeds make 20,000 cells; a study may have at most 10,000" },
        { "a negative size", Spec().Replace("sizes: [60, 120]", "sizes: [60, -120]"), ":13: every size must be a positive whole number" },
        { "a seed listed twice", Spec().Replace("seeds: [1]", "seeds: [1, 2, 1]"), ":14: 'seeds' lists a seed twice" },
        { "a 300-character condition name", Spec($"[human, {{name: {new string('c', 300)}, synthetic: weak}}]"), ":12: the condition name 'cccccccccccccccccccccccc...' is 300 characters long; at most 64 are allowed" },
        { "a long derived condition name", Spec().Replace("weak", new string('w', 60)), ":12: the condition name 'synthetic-wwwwwwwwwwwwww...' is 70 characters long" },
        { "a 65-character generator name", Spec().Replace("weak", new string('g', 65)), ":11: the generator name 'gggggggggggggggggggggggg...' is 65 characters long" },
        { "an analysis alpha of 0.7", Spec() + "\nanalysis: {alpha: 0.7}", ":15: 'analysis.alpha' must be below 0.5, not 0.7" },
        { "a zero equivalence margin", Spec() + "\nanalysis: {equivalence_margin: 0}", ":15: 'analysis.equivalence_margin' must be above 0, not 0" },
        { "an unknown analysis key", Spec() + "\nanalysis: {margin: 1}", ":15: unknown key 'analysis.margin' for analysis" },
        { "a 100-character study name", Spec().Replace("name: small", "name: " + new string('s', 100)), ":1: the study name" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public async Task Bad_spec_exits_2_with_file_and_line_and_leaves_no_run_directory(string problem, string yaml, string message)
    {
        string spec = Write(yaml), run = Path.Combine(folder, "run");
        foreach (var command in new[] { "run", "plan" })
        {
            var (code, _, error) = await InProcessCli.Run("study", command, spec, "--out", run, "--data-dir", TestData.Root);
            Assert.True(code == 2, $"{problem}: exit {code}: {error}");
            Assert.StartsWith($"regurg: error: {spec}{message}", error);
            Assert.Single(error.TrimEnd().Split('\n'));
            Assert.False(Directory.Exists(run), $"{problem}: {command} left {run}");
        }
    }

    [Theory]
    [InlineData("directory", "is a directory, not a study spec file")]
    [InlineData("fifo", "is empty, or not a regular file (a device or a pipe)")]
    [InlineData("device", "is empty, or not a regular file (a device or a pipe)")]
    [InlineData("2 MB", "is 2,000,000 bytes; a study spec may be at most 1,048,576 bytes (1 MiB)")]
    [InlineData("empty", "is empty, or not a regular file")]
    public async Task A_spec_that_is_no_regular_file_or_too_large_is_refused_without_being_read(string kind, string message)
    {
        string spec = Path.Combine(folder, "spec.yaml"), run = Path.Combine(folder, "run");
        switch (kind)
        {
            case "directory": Directory.CreateDirectory(spec); break;
            case "fifo": using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [spec])) mkfifo.WaitForExit(); break;
            case "device": spec = "/dev/urandom"; break;
            case "2 MB": File.WriteAllText(spec, Spec() + "\n#" + new string('x', 2_000_000 - Spec().Length - 2)); break;
            default: File.WriteAllText(spec, ""); break;
        }
        foreach (var command in new[] { "plan", "run" })
        {
            // A pipe or a device read as a spec would never end: a bound turns that into a failure instead of a hang.
            var (code, _, error) = await InProcessCli.Run("study", command, spec, "--out", run, "--data-dir", TestData.Root).WaitAsync(TimeSpan.FromMinutes(1));
            Assert.True(code == 2, $"{kind}: exit {code}: {error}");
            Assert.Equal($"regurg: error: {spec}: {message}", error.TrimEnd().Split('\n').Single()[..$"regurg: error: {spec}: {message}".Length]);
            Assert.False(Directory.Exists(run));
        }
    }

    [Theory]
    [InlineData("--jobs", "0", "--jobs must be at least 1, not 0")]
    [InlineData("--threads", "-1", "--threads must be at least 1, not -1")]
    [InlineData("--device", "gpu", "unknown device 'gpu'")]
    public async Task Bad_run_options_exit_2_before_the_study_starts_and_leave_nothing(string option, string value, string message)
    {
        string spec = Write(Spec()), run = Path.Combine(folder, "run");
        var (code, output, error) = await InProcessCli.Run("study", "run", spec, "--out", run, "--data-dir", TestData.Root, option, value);
        Assert.Equal(2, code);
        Assert.StartsWith($"regurg: error: {message}", Assert.Single(error.TrimEnd().Split('\n')));
        Assert.Equal("", output);
        Assert.False(Directory.Exists(run));
    }

    [Theory]
    [InlineData("run")]
    [InlineData("plan")]
    [InlineData("slurm")]
    public async Task An_out_that_is_a_file_is_refused_and_left_alone(string command)
    {
        string spec = Write(Spec()), file = Write("my notes", "notes.txt");
        var (code, _, error) = await InProcessCli.Run("study", command, spec, "--out", file, "--data-dir", TestData.Root);
        Assert.Equal(2, code);
        Assert.Equal($"regurg: error: {file}: is a file, not a run directory (name a folder with --out)", error.TrimEnd());
        Assert.Equal("my notes", File.ReadAllText(file));
    }

    static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    string GeneratorSpec(string generators, string conditions) =>
        Write(Spec(conditions).Replace("  weak: {", generators + "\n  weak: {"));

    [Fact]
    public async Task Generators_that_cannot_run_here_are_named_by_plan_and_stop_run_before_anything_is_trained()
    {
        // A mode no Apertium has (so this holds with Apertium installed or not), an endpoint nobody listens on, a checkpoint that is not there.
        int port = ClosedPort();
        string spec = GeneratorSpec($"  ap: {{type: apertium, mode: xxx-yyy}}\n  api: {{type: openai, base_url: \"http://127.0.0.1:{port}/v1\", model: m, max_retries: 0}}\n  old: {{type: nmt, checkpoint: {folder}/no-run}}",
            "[human, {synthetic: ap}, {synthetic: api}, {synthetic: old}]");
        string run = Path.Combine(folder, "run");

        var plan = await InProcessCli.Run("study", "plan", spec, "--out", run, "--data-dir", TestData.Root);
        Assert.True(plan.Code == 0, plan.Err);
        Assert.Contains("generator ap (apertium): CANNOT RUN HERE: apertium ", plan.Out);
        Assert.Contains($"generator api (openai): CANNOT RUN HERE: the endpoint http://127.0.0.1:{port}/v1 does not answer", plan.Out);
        Assert.Contains($"generator old (nmt): CANNOT RUN HERE: {folder}/no-run: no such checkpoint or run directory", plan.Out);
        Assert.Contains("generator weak (teacher, trained on 150 pairs): to run", plan.Out);
        Assert.Contains("3 generator(s) cannot run here (ap, api, old)", plan.Out);

        var (code, output, error) = await InProcessCli.Run("study", "run", spec, "--out", run, "--data-dir", TestData.Root);
        Assert.Equal(2, code);
        string message = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith($"regurg: error: {spec}:11: generator 'ap' cannot run here: apertium ", message);
        Assert.Contains("nothing was trained (nor can api, old;", message);
        Assert.DoesNotContain("cells (", output);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public async Task An_endpoint_that_answers_at_all_is_ready()
    {
        // Any HTTP answer to the probe will do: servers differ in what they serve at /models.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var answering = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            using var stream = client.GetStream();
            _ = await stream.ReadAsync(new byte[4096]);
            await stream.WriteAsync("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
        });
        string spec = GeneratorSpec($"  api: {{type: openai, base_url: \"http://127.0.0.1:{port}/v1\", model: m}}", "[human, {synthetic: api}]");
        var plan = await InProcessCli.Run("study", "plan", spec, "--out", Path.Combine(folder, "run"), "--data-dir", TestData.Root);
        Assert.True(plan.Code == 0, plan.Err);
        Assert.Contains("generator api (openai): to run", plan.Out);
        Assert.DoesNotContain("cannot run", plan.Out, StringComparison.OrdinalIgnoreCase);
        await answering.WaitAsync(TimeSpan.FromSeconds(30));
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

    static Dictionary<string, (string Text, DateTime Written)> Snapshot(string directory) =>
        Directory.GetFiles(directory, "*", SearchOption.AllDirectories).ToDictionary(f => f, f => (File.ReadAllText(f), File.GetLastWriteTimeUtc(f)));

    [Fact]
    public async Task Run_or_slurm_into_a_folder_of_other_files_exits_2_and_writes_nothing()
    {
        string spec = Write(Spec("[human]")), run = Path.Combine(folder, "mine");
        Directory.CreateDirectory(run);
        foreach (var name in new[] { "notes.txt", "results.jsonl", "spec.yaml", "report.md" }) File.WriteAllText(Path.Combine(run, name), $"the user's {name}");
        var before = Snapshot(run);
        foreach (var command in new[] { "run", "slurm" })
        {
            var (code, _, error) = await InProcessCli.Run("study", command, spec, "--out", run, "--data-dir", TestData.Root);
            Assert.True(code == 2, $"{command}: exit {code}: {error}");
            Assert.StartsWith($"regurg: error: {run}: is not empty and is not a run directory", error);
            Assert.Equal(before, Snapshot(run));
        }
    }

    [Fact]
    public async Task A_study_of_another_name_or_an_older_format_cannot_take_over_a_run_directory()
    {
        string spec = Write(Spec("[human]")), run = Path.Combine(folder, "run");
        // study slurm without --submit prepares the run directory (marker, spec, plan) and trains nothing.
        var (code, _, error) = await InProcessCli.Run("study", "slurm", spec, "--out", run, "--data-dir", TestData.Root);
        Assert.True(code == 0, error);
        Assert.Contains("\"study\": \"small\"", File.ReadAllText(Path.Combine(run, "regurg-run.json")));

        string other = Write(Spec("[human]").Replace("name: small", "name: other"), "other.yaml");
        var before = Snapshot(run);
        (code, _, error) = await InProcessCli.Run("study", "run", other, "--out", run, "--data-dir", TestData.Root);
        Assert.Equal(2, code);
        Assert.Contains("is the run directory of study 'small', not 'other'", error);
        Assert.Equal(before, Snapshot(run));

        // Without the marker it is a run directory as an earlier version wrote it: its cache predates the current keys.
        File.Delete(Path.Combine(run, "regurg-run.json"));
        before = Snapshot(run);
        (code, _, error) = await InProcessCli.Run("study", "run", spec, "--out", run, "--data-dir", TestData.Root);
        Assert.Equal(2, code);
        Assert.Contains("run-directory format 1", error);
        Assert.Contains("its cache predates the change", error);
        Assert.Equal(before, Snapshot(run));
    }

    internal static List<string> WithoutTimes(string results) =>
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
        string[] Arguments(string run) => ["study", "run", spec, "--out", run, "--threads", "1", "--no-report", "--data-dir", TestData.Root];

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var reference = await ChildCli.RunToEndAsync(Arguments(straight));
        Assert.True(reference.Code == 0, reference.Output);
        var whole = clock.Elapsed;

        // Kill -9 (SIGKILL: no handler runs) at random moments of the run's length: while the corpora load, the
        // teacher trains or generates, a student trains or translates, or results are written. The seed is printed on failure.
        int seed = Environment.TickCount;
        var random = new Random(seed);
        int kills = 0;
        for (int attempt = 0; attempt < 5; attempt++)
        {
            using var child = ChildCli.Start(Arguments(killed));
            await Task.WhenAny(child.ExitCodeAsync(TimeSpan.FromMinutes(20)), Task.Delay(whole * (0.05 + 0.85 * random.NextDouble())));
            if (child.HasExited) break;
            await child.KillAsync();
            kills++;
        }
        Assert.True(kills > 0, $"seed {seed}: the run ended before the first kill (an uninterrupted run took {whole.TotalSeconds:F1} s)");
        var resumed = await ChildCli.RunToEndAsync(Arguments(killed));
        Assert.True(resumed.Code == 0, $"seed {seed}, {kills} kills: {resumed.Output}");

        Assert.Equal(WithoutTimes(Path.Combine(straight, "results.jsonl")), WithoutTimes(Path.Combine(killed, "results.jsonl")));
        foreach (var cell in new[] { "human.n60.s1", "human.n120.s1", "synthetic-weak.n60.s1", "synthetic-weak.n120.s1" })
            Assert.Equal(File.ReadAllText(Path.Combine(straight, "cells", cell, "test.hyp")), File.ReadAllText(Path.Combine(killed, "cells", cell, "test.hyp")));
        Assert.Equal(WithoutTimes(Path.Combine(straight, "generators.jsonl")), WithoutTimes(Path.Combine(killed, "generators.jsonl")));

        // One seed per cell: the gaps have no seed variance to plan from, and `study power` says so instead of inventing it.
        var power = await InProcessCli.Run("study", "power", straight);
        Assert.True(power.Code == 0, power.Err);
        Assert.Contains("seed variance not pooled: no cell has two seeds", power.Out);
        Assert.Matches(@"gap to human\s+synthetic-weak − human at 120\s+-?\d+\.\d\d\s+1/1\s+n/a\s+\d+\.\d\d\s+no SD", power.Out);
        var bad = await InProcessCli.Run("study", "power", straight, "--alpha", "0.7");
        Assert.Equal(2, bad.Code);
        Assert.Equal("regurg: error: --alpha must be in (0, 0.5), not 0.7", bad.Err.TrimEnd());
    }

    [Fact]
    public async Task Jobs_2_runs_cells_in_two_worker_processes_and_status_reports_them()
    {
        string spec = Write(Spec("[human]").Replace("seeds: [1]", "seeds: [1, 2]"));
        string run = Path.Combine(folder, "run");
        var (code, output) = await ChildCli.RunToEndAsync("study", "run", spec, "--out", run, "--jobs", "2", "--no-report", "--data-dir", TestData.Root);
        Assert.True(code == 0, output);
        Assert.Contains("running 4 cells, 2 at a time, 1 thread(s) each", output);
        Assert.Contains("4 of 4 cells done, 0 failed", output);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(run, "results.jsonl")).Length);
        // Two worker processes took the four cells between them, each logging to its own file.
        var logs = Enumerable.Range(1, 2).Select(i => File.ReadAllText(Path.Combine(run, "workers", $"worker-{i}.log"))).ToList();
        foreach (var cell in new[] { "human.n60.s1", "human.n60.s2", "human.n120.s1", "human.n120.s2" })
            Assert.Single(logs, l => l.Contains($"] {cell}: BLEU", StringComparison.Ordinal));
        Assert.Equal(4, output.Split('\n').Count(l => l.Contains(": BLEU ", StringComparison.Ordinal)));
        var runJson = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "run.json")))!;
        Assert.Equal(2, (int)runJson["hardware"]!["jobs"]!);

        var status = await InProcessCli.Run("study", "status", run);
        Assert.Equal(0, status.Code);
        Assert.Contains("4 done, 0 running, 0 failed, 0 pending of 4", status.Out);

        // One cell again, as a cluster array job would: nothing to do, same rows.
        var before = File.ReadAllText(Path.Combine(run, "results.jsonl"));
        (code, output) = await ChildCli.RunToEndAsync("study", "run", spec, "--out", run, "--cell", "human.n60.s2", "--data-dir", TestData.Root);
        Assert.True(code == 0, output);
        Assert.Equal(before, File.ReadAllText(Path.Combine(run, "results.jsonl")));

        var plan = await InProcessCli.Run("study", "plan", spec, "--out", run, "--data-dir", TestData.Root);
        Assert.Equal(0, plan.Code);
        Assert.Contains("human.n120.s2", plan.Out);
        Assert.Equal(4, plan.Out.Split('\n').Count(l => l.TrimEnd().EndsWith("cached", StringComparison.Ordinal)));
        // Human data alone: nothing to compare, so no expected precision and no seeds to plan.
        Assert.DoesNotContain("expected 95% half-width", plan.Out);
        var power = await InProcessCli.Run("study", "power", run);
        Assert.True(power.Code == 0, power.Err);
        Assert.Contains("no comparison:", power.Out);
    }

    [Fact]
    public async Task Sigterm_stops_the_study_and_its_jobs_with_exit_143_and_the_same_command_finishes_it()
    {
        string spec = Write(Spec("[human]").Replace("seeds: [1]", "seeds: [1, 2]"));
        string run = Path.Combine(folder, "run");
        string[] arguments = ["study", "run", spec, "--out", run, "--jobs", "2", "--no-report", "--data-dir", TestData.Root];
        using (var child = ChildCli.Start(arguments))
        {
            Assert.True(await child.WaitForAsync("2 at a time", TimeSpan.FromMinutes(3)), child.Output + child.Error);
            await Task.Delay(TimeSpan.FromSeconds(2)); // the first two cells' processes are training
            child.Signal("TERM");
            Assert.Equal(143, await child.ExitCodeAsync(TimeSpan.FromMinutes(3)));
            Assert.Single(child.Error.Split('\n'), l => l.StartsWith("regurg: interrupted by SIGTERM; finished cells, teachers and generations are kept in", StringComparison.Ordinal));
            Assert.DoesNotContain("   at ", child.Error);
        }
        Assert.False(File.Exists(Path.Combine(run, "cells", "human.n120.s2", "test.hyp")), "the study finished before the signal");

        var (code, output) = await ChildCli.RunToEndAsync(arguments);
        Assert.True(code == 0, output);
        Assert.Contains("4 of 4 cells done, 0 failed", output);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(run, "results.jsonl")).Length);
    }
}
