using static Regurgitate.Tests.InProcessCli;

namespace Regurgitate.Tests.Commands;

/// <summary>`regurg train` and `regurg translate` end to end on a few sentences, and their input errors.</summary>
public sealed class TrainTranslateCommandTests : IDisposable
{
    readonly TestData.ScratchFolder scratch = TestData.Scratch();

    static readonly string[] German = ["ein hund läuft", "eine katze schläft", "ein mann liest", "eine frau singt", "ein kind spielt", "ein hund schläft"];
    static readonly string[] English = ["a dog runs", "a cat sleeps", "a man reads", "a woman sings", "a child plays", "a dog sleeps"];

    string[] TrainArguments(string run, params string[] extra)
    {
        File.WriteAllLines(scratch.File("train.de"), Enumerable.Repeat(German, 20).SelectMany(x => x));
        File.WriteAllLines(scratch.File("train.en"), Enumerable.Repeat(English, 20).SelectMany(x => x));
        return ["train", "--train-source", scratch.File("train.de"), "--train-target", scratch.File("train.en"),
            "--valid-source", scratch.File("train.de"), "--valid-target", scratch.File("train.en"),
            "--vocab-size", "300", "--preset", "tiny", "--out", run, "--batch-tokens", "200", "--warmup", "10", "--lr", "3e-3", .. extra];
    }

    [Fact]
    public async Task Train_stops_at_the_limit_resumes_and_translate_writes_scores()
    {
        string run = scratch.File("run");
        var first = await Invoke(TrainArguments(run, "--max-updates", "6"));
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("new run", first.Output);
        Assert.Contains("stopped after 6 updates", first.Output);
        Assert.True(File.Exists(Path.Combine(run, "tokenizer.json")));

        var second = await Invoke(TrainArguments(run, "--max-updates", "9"));
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("resuming", second.Output);
        Assert.Contains("stopped after 9 updates", second.Output);

        File.WriteAllLines(scratch.File("input.de"), German.Take(3));
        var translate = await Invoke("translate", "--checkpoint", run, "--input", scratch.File("input.de"), "--output", scratch.File("out.en"),
            "--beam", "3", "--nbest", "2", "--scores", scratch.File("scores.jsonl"));
        Assert.True(translate.ExitCode == 0, translate.Error);
        Assert.Equal(6, File.ReadAllLines(scratch.File("out.en")).Length); // 3 sentences x 2-best, Moses n-best format
        Assert.All(File.ReadAllLines(scratch.File("out.en")), l => Assert.Matches(@"^\d \|\|\| .* \|\|\| -\d+\.\d{4}$", l));
        Assert.Equal(3, File.ReadAllLines(scratch.File("scores.jsonl")).Length);
        Assert.Contains("\"logprob\":-", File.ReadAllText(scratch.File("scores.jsonl")));
    }

    [Fact]
    public async Task Translate_with_a_missing_checkpoint_is_an_input_error()
    {
        var result = await Invoke("translate", "--checkpoint", scratch.File("nothing-here"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such checkpoint or run directory", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task Train_without_a_tokenizer_is_an_input_error()
    {
        var arguments = TrainArguments(scratch.File("run")).Where(a => a != "--vocab-size" && a != "300").ToArray();
        var result = await Invoke(arguments);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no tokenizer given", result.Error);
    }

    [Fact]
    public async Task Greedy_and_sample_together_are_rejected()
    {
        var result = await Invoke("translate", "--checkpoint", scratch.File("x"), "--greedy", "--sample");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("exclude each other", result.Error);
    }

    [Fact]
    public async Task Mixed_precision_trains_and_translates_the_same_with_and_without_the_cache()
    {
        string run = scratch.File("run");
        var train = await Invoke(TrainArguments(run, "--max-updates", "6", "--precision", "bf16"));
        Assert.True(train.ExitCode == 0, train.Error);
        File.WriteAllLines(scratch.File("input.de"), German.Take(3));
        string[] Translate(string output, params string[] extra) =>
            ["translate", "--checkpoint", run, "--input", scratch.File("input.de"), "--output", scratch.File(output), "--beam", "3", .. extra];
        var cached = await Invoke(Translate("cached.en", "--precision", "bf16"));
        var uncached = await Invoke(Translate("uncached.en", "--precision", "bf16", "--no-cache"));
        Assert.True(cached.ExitCode == 0, cached.Error);
        Assert.True(uncached.ExitCode == 0, uncached.Error);
        Assert.Contains("translated 3 sentences in", cached.Error);
        Assert.Equal(3, File.ReadAllLines(scratch.File("cached.en")).Length);
        Assert.Equal(File.ReadAllLines(scratch.File("cached.en")), File.ReadAllLines(scratch.File("uncached.en")));
    }

    [Fact]
    public async Task An_unknown_precision_is_an_input_error_and_starts_no_run()
    {
        string run = scratch.File("run");
        var result = await Invoke(TrainArguments(run, "--precision", "fp16"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("fp16", result.Error);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public async Task Resuming_a_checkpoint_with_a_foreign_dropout_state_names_the_file()
    {
        string run = scratch.File("run");
        var first = await Invoke(TrainArguments(run, "--max-updates", "3"));
        Assert.True(first.ExitCode == 0, first.Error);
        // A checkpoint from before the counter-based dropout generator held libtorch's 5,056-byte state.
        foreach (var file in Directory.GetFiles(Path.Combine(run, "checkpoints"), "dropout-rng.bin", SearchOption.AllDirectories))
            File.WriteAllBytes(file, new byte[5056]);
        var resumed = await Invoke(TrainArguments(run, "--max-updates", "6"));
        Assert.Equal(2, resumed.ExitCode);
        Assert.Contains("dropout-rng.bin", resumed.Error);
        Assert.Contains("5056 bytes", resumed.Error);
        Assert.DoesNotContain("   at ", resumed.Error);
    }

    public void Dispose() => scratch.Dispose();
}
