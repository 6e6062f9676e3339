using static Regurgitate.Tests.InProcessCli;

namespace Regurgitate.Tests.Commands;

/// <summary>SIGINT/SIGTERM sent to a real `regurg` child process: long-running commands keep what resuming needs and exit 130/143.</summary>
public sealed class SignalTests : IDisposable
{
    static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    readonly TestData.ScratchFolder scratch = new();

    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    public async Task Train_saves_a_checkpoint_at_once_on_a_signal_and_resumes_from_it(string signal, int exitCode)
    {
        string run = scratch.File("run");
        string[] train = ["train", "--train-corpus", "multi30k:val:de-en", "--data-dir", TestData.Root, "--vocab-size", "300",
            "--preset", "tiny", "--out", run, "--batch-tokens", "500", "--save-every", "0", "--max-epochs", "1"];
        using (var child = ChildCli.Start(train))
        {
            // Progress lines come every 10 updates; with --save-every 0 no checkpoint exists before the signal.
            Assert.True(await child.WaitForAsync("train epoch 1: 10 updates", Patience), child.Output + child.Error);
            Assert.False(File.Exists(Path.Combine(run, "last.json")));
            child.Signal(signal);
            Assert.Equal(exitCode, await child.ExitCodeAsync(Patience));
            Assert.Contains("kept in", child.Error);
            Assert.Single(child.Error.Split('\n'), l => l.StartsWith("regurg: interrupted by SIG", StringComparison.Ordinal));
            Assert.DoesNotContain("   at ", child.Error);
        }
        Assert.True(File.Exists(Path.Combine(run, "last.json")));
        Assert.False(File.Exists(Path.Combine(run, "best.json"))); // saved without validating: never the best
        Assert.False(File.Exists(Path.Combine(run, ".lock")));

        var resumed = await Invoke([.. train, "--max-updates", "1"]);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("resuming", resumed.Output);
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task Serve_stops_on_a_signal(string signal, int exitCode)
    {
        File.WriteAllLines(scratch.File("sources.txt"), ["ein hund"]);
        File.WriteAllLines(scratch.File("translations.txt"), ["a dog"]);
        using var child = ChildCli.Start("serve", "--from-file", scratch.File("sources.txt"), scratch.File("translations.txt"), "--port", "0");
        Assert.True(await child.WaitForAsync("Ctrl+C stops", Patience), child.Output + child.Error);
        child.Signal(signal);
        Assert.Equal(exitCode, await child.ExitCodeAsync(Patience));
        Assert.Contains("serve: stopped after 0 requests", child.Error);
    }

    [Fact]
    public async Task Generate_keeps_its_progress_on_a_signal()
    {
        // An endpoint that never answers keeps the run in its first batch until the signal comes.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        File.WriteAllLines(scratch.File("sources.txt"), ["ein hund", "eine katze"]);
        string output = scratch.File("out.jsonl");
        using var child = ChildCli.Start("generate", "-g", $"{{type: openai, base_url: \"http://127.0.0.1:{port}/v1\", model: m, source_lang: German, target_lang: English, timeout_s: 600}}",
            "--sources", scratch.File("sources.txt"), "--out", output);
        var accept = listener.AcceptTcpClientAsync();
        Assert.True(await Task.WhenAny((Task)accept, child.ExitCodeAsync(Patience)) == accept, child.Error);
        using var accepted = await accept;
        child.Signal("TERM");
        Assert.Equal(143, await child.ExitCodeAsync(Patience));
        Assert.Contains("regurg: interrupted by SIGTERM", child.Error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Translate_ends_on_a_signal_without_a_partial_output()
    {
        string run = scratch.File("run");
        var trained = await Invoke("train", "--train-corpus", "multi30k:val:de-en", "--data-dir", TestData.Root, "--vocab-size", "300",
            "--preset", "tiny", "--out", run, "--max-updates", "1");
        Assert.True(trained.ExitCode == 0, trained.Error);
        // An untrained model decodes every one of 29,000 sentences to its length bound: minutes of work, interrupted early.
        string output = scratch.File("out.en");
        using var child = ChildCli.Start("translate", "-c", run, "-i", TestData.PathOf("multi30k", "train.de.gz"), "-o", output, "--beam", "5");
        await Task.Delay(TimeSpan.FromSeconds(5));
        child.Signal("TERM");
        Assert.Equal(143, await child.ExitCodeAsync(Patience));
        Assert.False(File.Exists(output));
        Assert.DoesNotContain(scratch.Files(), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    public void Dispose() => scratch.Dispose();
}
