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
    public async Task Decoder_only_lm_pretrains_on_pairs_and_text_then_fine_tunes_from_init_and_translates()
    {
        string pretrain = scratch.File("lm-pretrain"), finetune = scratch.File("lm-finetune");
        File.WriteAllLines(scratch.File("text.en"), English.Reverse());
        var first = await Invoke(TrainArguments(pretrain, "--objective", "lm", "--lm-text", scratch.File("text.en"), "--max-updates", "6")
            .Select(a => a == "tiny" ? "lm-tiny" : a).ToArray());
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("plain text lines: 6", first.Output);
        Assert.Contains("lm-tiny", first.Output);

        var second = await Invoke(TrainArguments(finetune, "--init", pretrain, "--max-updates", "4")
            .Where(a => a is not ("--vocab-size" or "300")).Select(a => a == "tiny" ? "lm-tiny" : a).ToArray());
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("stopped after 4 updates", second.Output);
        // The fine-tuned run starts from the pretrained weights, with the pretrained tokenizer.
        Assert.Equal(File.ReadAllBytes(Path.Combine(pretrain, "tokenizer.json")), File.ReadAllBytes(Path.Combine(finetune, "tokenizer.json")));

        File.WriteAllLines(scratch.File("input.de"), German.Take(3));
        var translate = await Invoke("translate", "--checkpoint", finetune, "--input", scratch.File("input.de"), "--output", scratch.File("out.en"), "--beam", "3");
        Assert.True(translate.ExitCode == 0, translate.Error);
        Assert.Equal(3, File.ReadAllLines(scratch.File("out.en")).Length);
    }

    [Theory]
    [InlineData("--objective", "lm", "--objective lm needs a decoder-only model")]
    [InlineData("--lm-text", "train.en", "--lm-text needs a decoder-only model")]
    [InlineData("--init", "no-such-run", "no such checkpoint or run directory")]
    public async Task Decoder_only_options_on_the_wrong_model_or_path_are_input_errors(string option, string value, string expected)
    {
        string run = scratch.File("run");
        var arguments = TrainArguments(run, option, option == "--objective" ? value : scratch.File(value));
        var result = await Invoke(arguments);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.False(Directory.Exists(run));
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

    [Theory]
    [InlineData("--batch-tokens", "0")]
    [InlineData("--label-smoothing", "1.5")]
    [InlineData("--max-updates", "0")]
    [InlineData("--max-minutes", "-1")]
    [InlineData("--lr", "-0.001")]
    [InlineData("--save-every", "-5")]
    [InlineData("--preset", "huge")]
    public async Task Bad_training_settings_are_rejected_before_anything_is_written(string option, string value)
    {
        string run = scratch.File("run");
        var arguments = option == "--preset"
            ? TrainArguments(run).Select(a => a == "tiny" ? value : a).ToArray()
            : TrainArguments(run, option, value);
        var result = await Invoke(arguments);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option == "--preset" ? "unknown --preset huge" : option, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.False(Directory.Exists(run));
    }

    [Theory]
    [InlineData("--preset", "cpu-small", "--preset (was tiny, now cpu-small)")]
    [InlineData("--seed", "2", "--seed (was 1, now 2)")]
    [InlineData("--lr", "0.001", "--lr (was 0.003, now 0.001)")]
    [InlineData("data", "", "training data (was 120 pairs")]
    public async Task Resuming_a_different_run_is_refused_naming_what_changed(string option, string value, string expected)
    {
        string run = scratch.File("run");
        var first = await Invoke(TrainArguments(run, "--max-updates", "2"));
        Assert.True(first.ExitCode == 0, first.Error);
        var changed = TrainArguments(run, "--max-updates", "4");
        if (option == "data")
        {
            // A smaller training set (once a crash): the first 30 pairs.
            File.WriteAllLines(scratch.File("small.de"), File.ReadAllLines(scratch.File("train.de")).Take(30));
            File.WriteAllLines(scratch.File("small.en"), File.ReadAllLines(scratch.File("train.en")).Take(30));
            changed = [.. changed.Select(a => a == scratch.File("train.de") ? scratch.File("small.de") : a == scratch.File("train.en") ? scratch.File("small.en") : a)];
            changed[Array.IndexOf(changed, "--valid-source") + 1] = scratch.File("train.de");
            changed[Array.IndexOf(changed, "--valid-target") + 1] = scratch.File("train.en");
        }
        else if (Array.IndexOf(changed, option) is int at and >= 0) changed[at + 1] = value;
        else changed = [.. changed, option, value];
        var second = await Invoke(changed);
        Assert.Equal(2, second.ExitCode);
        Assert.Contains("cannot resume a different run", second.Error);
        Assert.Contains(expected, second.Error);
        Assert.DoesNotContain("   at ", second.Error);

        // Limits may change on resume.
        var longer = await Invoke(TrainArguments(run, "--max-updates", "4", "--max-minutes", "30"));
        Assert.True(longer.ExitCode == 0, longer.Error);
        Assert.Contains("stopped after 4 updates", longer.Output);
    }

    [Theory]
    [InlineData("model.bin", "truncate", "model.bin: has 100 bytes")]
    [InlineData("model.bin", "empty", "model.bin: is empty")]
    [InlineData("model.bin", "random", "model.bin: does not match the checksum")]
    [InlineData("config.json", "truncate", "config.json: has 100 bytes")]
    [InlineData("state.json", "truncate", "state.json: has 100 bytes")]
    [InlineData("optimizer.bin", "truncate", "optimizer.bin: has 100 bytes")]
    [InlineData("model.bin", "random-unchecked", "model.bin: is not readable as model weights")]
    [InlineData("optimizer.bin", "truncate-unchecked", "optimizer.bin: is not readable as optimizer state")]
    [InlineData("config.json", "truncate-unchecked", "config.json: is not readable as model config")]
    public async Task A_damaged_checkpoint_is_named_by_translate_serve_and_train(string file, string damage, string expected)
    {
        string run = scratch.File("run");
        var first = await Invoke(TrainArguments(run, "--max-updates", "2"));
        Assert.True(first.ExitCode == 0, first.Error);
        string checkpoint = Directory.GetDirectories(Path.Combine(run, "checkpoints")).Single();
        string path = Path.Combine(checkpoint, file);
        // "-unchecked": a checkpoint without a manifest (as written before it existed) is still checked when loaded.
        if (damage.EndsWith("-unchecked", StringComparison.Ordinal)) File.Delete(Path.Combine(checkpoint, "manifest.json"));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, damage switch
        {
            "empty" => [],
            "random" => RandomBytes(bytes.Length),
            "random-unchecked" => RandomBytes(5000),
            _ => bytes[..100],
        });

        bool inference = file is "model.bin" or "config.json";
        File.WriteAllLines(scratch.File("input.de"), German.Take(1));
        var results = new List<Result> { await Invoke(TrainArguments(run, "--max-updates", "4")) };
        if (inference)
        {
            results.Add(await Invoke("translate", "--checkpoint", run, "--input", scratch.File("input.de")));
            results.Add(await Invoke("serve", "--checkpoint", run, "--port", "0"));
            results.Add(await Invoke("generate", "-g", $"{{type: nmt, checkpoint: \"{run}\"}}", "--sources", scratch.File("input.de"), "--out", scratch.File("gen.jsonl")));
        }
        foreach (var result in results)
        {
            Assert.Equal(2, result.ExitCode);
            Assert.Contains(expected, result.Error);
            Assert.Single(result.Error.Trim().Split('\n'));
            Assert.DoesNotContain("   at ", result.Error);
        }
        Assert.False(File.Exists(scratch.File("gen.jsonl.progress")));
    }

    static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task A_damaged_tokenizer_for_a_new_run_leaves_no_run_directory()
    {
        string run = scratch.File("run");
        File.WriteAllText(scratch.File("tokenizer.json"), "{\"model\": {");
        var arguments = TrainArguments(run).Select(a => a == "--vocab-size" ? "--tokenizer" : a == "300" ? scratch.File("tokenizer.json") : a).ToArray();
        var result = await Invoke(arguments);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(scratch.File("tokenizer.json"), result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.False(Directory.Exists(run));
    }

    public void Dispose() => scratch.Dispose();
}
