using System.Net;
using System.Net.Sockets;
using static Regurgitate.Tests.InProcessCli;

namespace Regurgitate.Tests;

/// <summary>Issue 10's smaller items through the real CLI: failures that must not look like success, outputs checked before any work, one writer per output, messages.</summary>
public sealed class HardeningTests : IDisposable
{
    readonly TestData.ScratchFolder scratch = new();

    static int ClosedPort()
    {
        // A port that was free a moment ago: connecting to it is refused.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    string RefusedSpec(string? cache = null) =>
        $"{{type: openai, base_url: \"http://127.0.0.1:{ClosedPort()}/v1\", model: m, source_lang: German, target_lang: English, max_retries: 0" +
        (cache == null ? "" : $", cache: \"{cache}\"") + "}";

    [Fact]
    public async Task Generate_where_every_segment_fails_exits_1_with_a_summary_and_leaves_no_cache_directory()
    {
        File.WriteAllLines(scratch.File("src.de"), ["ein hund", "eine katze", "ein mann"]);
        var result = await Invoke("generate", "-g", RefusedSpec(scratch.File("cache")), "--sources", scratch.File("src.de"), "--out", scratch.File("out.jsonl"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("regurg: error: 3 of 3 segments failed", result.Error);
        Assert.Contains("out.failures.jsonl", result.Error);
        Assert.False(Directory.Exists(scratch.File("cache")));
        Assert.DoesNotContain(scratch.Files(), f => f.EndsWith(".progress", StringComparison.Ordinal) || f.EndsWith(".lock", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Generate_above_the_max_failure_rate_exits_1_and_below_it_exits_0()
    {
        // The file generator fails the segments whose line in the file is empty: 1 of 4 here.
        File.WriteAllLines(scratch.File("src.de"), ["ein hund", "eine katze", "ein mann", "eine frau"]);
        File.WriteAllLines(scratch.File("made.en"), ["a dog", "", "a man", "a woman"]);
        string[] Generate(string rate) => ["generate", "-g", $"{{type: file, path: \"{scratch.File("made.en")}\"}}", "--sources", scratch.File("src.de"),
            "--out", scratch.File($"out{rate}.jsonl"), "--max-failure-rate", rate];
        var strict = await Invoke(Generate("0.1"));
        var lenient = await Invoke(Generate("0.5"));
        Assert.Contains("1 failed", lenient.Output);
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("above --max-failure-rate 0.1", strict.Error);
        Assert.Equal(0, lenient.ExitCode);
    }

    [Fact]
    public async Task Generate_failing_before_the_first_segment_leaves_no_progress_file()
    {
        File.WriteAllLines(scratch.File("src.de"), ["ein hund", "eine katze", "ein mann"]);
        File.WriteAllLines(scratch.File("short.en"), ["a dog"]);
        var result = await Invoke("generate", "-g", $"{{type: file, path: \"{scratch.File("short.en")}\"}}", "--sources", scratch.File("src.de"), "--out", scratch.File("out.jsonl"));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["short.en", "src.de"], scratch.Files());
    }

    [Fact]
    public async Task A_second_writer_of_the_same_output_is_refused_naming_the_holder()
    {
        // A live process (this one's child) holds the lock: its pid is in the lock file, as a running generate would leave it.
        using var holder = System.Diagnostics.Process.Start("sleep", "60");
        File.WriteAllText(scratch.File(".out.jsonl.lock"), holder.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.WriteAllLines(scratch.File("src.de"), ["ein hund"]);
        File.WriteAllLines(scratch.File("made.en"), ["a dog"]);
        string[] generate = ["generate", "-g", $"{{type: file, path: \"{scratch.File("made.en")}\"}}", "--sources", scratch.File("src.de"), "--out", scratch.File("out.jsonl")];
        var second = await Invoke(generate);
        Assert.Equal(2, second.ExitCode);
        Assert.Contains($"pid {holder.Id}", second.Error);
        Assert.False(File.Exists(scratch.File("out.jsonl")));

        // Once the holder is gone its lock is stale and is taken over.
        holder.Kill();
        await holder.WaitForExitAsync();
        var after = await Invoke(generate);
        Assert.True(after.ExitCode == 0, after.Error);
        Assert.False(File.Exists(scratch.File(".out.jsonl.lock")));
    }

    [Fact]
    public async Task A_second_trainer_of_the_same_run_directory_is_refused()
    {
        using var holder = System.Diagnostics.Process.Start("sleep", "60");
        Directory.CreateDirectory(scratch.File("run"));
        File.WriteAllText(Path.Combine(scratch.File("run"), ".lock"), holder.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.WriteAllLines(scratch.File("t.de"), ["ein hund", "eine katze"]);
        File.WriteAllLines(scratch.File("t.en"), ["a dog", "a cat"]);
        var result = await Invoke("train", "--train-source", scratch.File("t.de"), "--train-target", scratch.File("t.en"), "--vocab-size", "300",
            "--preset", "tiny", "--out", scratch.File("run"), "--max-updates", "1");
        holder.Kill();
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"pid {holder.Id}", result.Error);
        Assert.False(File.Exists(Path.Combine(scratch.File("run"), "tokenizer.json")));
    }

    [Theory]
    [InlineData("score")]
    [InlineData("corpus convert")]
    [InlineData("tokenizer train")]
    [InlineData("errors")]
    [InlineData("generate")]
    [InlineData("translate")]
    public async Task An_output_that_is_a_directory_is_refused_before_any_work(string command)
    {
        File.WriteAllLines(scratch.File("a.txt"), ["ein hund", "eine katze"]);
        File.WriteAllLines(scratch.File("b.txt"), ["a dog", "a cat"]);
        string folder = Directory.CreateDirectory(scratch.File("folder")).FullName;
        string[] arguments = command switch
        {
            "score" => ["score", "--ref", scratch.File("b.txt"), "--hyp", scratch.File("b.txt"), "-o", folder],
            "corpus convert" => ["corpus", "convert", "--source", scratch.File("a.txt"), "--target", scratch.File("b.txt"), "--out-tsv", folder],
            "tokenizer train" => ["tokenizer", "train", "-i", scratch.File("a.txt"), "--vocab-size", "300", "-o", folder],
            "errors" => ["errors", "--hyp", scratch.File("b.txt"), "--src", scratch.File("a.txt"), "--source-lang", "de", "--target-lang", "en", "--out", folder],
            "generate" => ["generate", "-g", $"{{type: file, path: \"{scratch.File("b.txt")}\"}}", "--sources", scratch.File("a.txt"), "--out", folder],
            _ => ["translate", "-c", scratch.File("no-run"), "-i", scratch.File("a.txt"), "-o", folder],
        };
        var result = await Invoke(arguments);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{folder}: is a directory, not a file", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public async Task The_same_file_named_for_two_outputs_is_refused()
    {
        File.WriteAllLines(scratch.File("a.txt"), ["ein hund"]);
        File.WriteAllLines(scratch.File("b.txt"), ["a dog"]);
        var result = await Invoke("corpus", "convert", "--source", scratch.File("a.txt"), "--target", scratch.File("b.txt"),
            "--out-source", scratch.File("same.txt"), "--out-target", scratch.File("same.txt"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is named for two outputs (--out-source and --out-target)", result.Error);
        var translate = await Invoke("translate", "-c", scratch.File("no-run"), "-i", scratch.File("a.txt"), "-o", scratch.File("t.txt"), "--scores", scratch.File("t.txt"));
        Assert.Equal(2, translate.ExitCode);
        Assert.Contains("is named for two outputs (--output and --scores)", translate.Error);
    }

    [Fact]
    public async Task Corpus_split_refuses_a_test_set_larger_than_the_corpus_and_warns_when_groups_leave_it_short()
    {
        File.WriteAllLines(scratch.File("c.tsv"), Enumerable.Range(1, 10).Select(i => $"satz {i}\tsentence {i}"));
        var tooBig = await Invoke("corpus", "split", "--tsv", scratch.File("c.tsv"), "--out-dir", scratch.File("split"), "--valid", "0", "--test", "20");
        Assert.Equal(2, tooBig.ExitCode);
        Assert.Contains("the corpus has 10 pairs, too few for --valid 0 and --test 20", tooBig.Error);
        Assert.False(Directory.Exists(scratch.File("split")) && Directory.EnumerateFiles(scratch.File("split")).Any());

        // Pairs sharing a source stay together: groups of 3 cannot make a test set of exactly 4.
        File.WriteAllLines(scratch.File("g.tsv"), Enumerable.Range(1, 30).Select(i => $"satz {(i - 1) / 3}\tsentence {i}"));
        var grouped = await Invoke("corpus", "split", "--tsv", scratch.File("g.tsv"), "--out-dir", scratch.File("split2"), "--valid", "0", "--test", "4");
        Assert.Equal(0, grouped.ExitCode);
        Assert.Contains("regurg: warning: the test part has 3 pairs, not the 4 asked", grouped.Error);
    }

    [Theory]
    [InlineData("sk-proj-abc123DEF456ghi789JKL012mno345")]
    [InlineData("0123456789abcdef0123456789abcdef01234567")]
    public async Task An_api_key_given_as_api_key_env_is_refused_without_being_printed(string key)
    {
        File.WriteAllLines(scratch.File("src.de"), ["ein hund"]);
        var generate = await Invoke("generate", "-g", $"{{type: openai, base_url: \"http://127.0.0.1:9/v1\", model: m, source_lang: German, target_lang: English, api_key_env: {key}}}",
            "--sources", scratch.File("src.de"), "--out", scratch.File("out.jsonl"));
        Assert.Equal(2, generate.ExitCode);
        Assert.Contains("looks like an API key, not the name of an environment variable", generate.Error);
        Assert.DoesNotContain(key, generate.Error + generate.Output);

        File.WriteAllLines(scratch.File("t.en"), ["a dog"]);
        var serve = await Invoke("serve", "--from-file", scratch.File("src.de"), scratch.File("t.en"), "--api-key-env", key, "--port", "0");
        Assert.Equal(2, serve.ExitCode);
        Assert.Contains("--api-key-env looks like an API key", serve.Error);
        Assert.DoesNotContain(key, serve.Error + serve.Output);
    }

    [Fact]
    public async Task Empty_inputs_are_refused_by_tokenizer_train_and_serve()
    {
        File.WriteAllText(scratch.File("empty.txt"), "");
        File.WriteAllText(scratch.File("blank.txt"), "\n\n");
        var tokenizer = await Invoke("tokenizer", "train", "-i", scratch.File("blank.txt"), "--vocab-size", "300", "-o", scratch.File("tok.json"));
        Assert.Equal(2, tokenizer.ExitCode);
        Assert.Contains($"{scratch.File("blank.txt")}: has no text", tokenizer.Error);
        Assert.False(File.Exists(scratch.File("tok.json")));
        var serve = await Invoke("serve", "--from-file", scratch.File("empty.txt"), scratch.File("empty.txt"), "--port", "0");
        Assert.Equal(2, serve.ExitCode);
        Assert.Contains($"{scratch.File("empty.txt")}: is empty", serve.Error);
    }

    [Fact]
    public async Task Help_texts_say_what_the_commands_do()
    {
        var serve = await Invoke("serve", "--help");
        Assert.Contains("502, 503", serve.Output);
        Assert.Contains("any other message is the source as a whole", serve.Output);
        var train = await Invoke("train", "--help");
        Assert.Contains("multi30k:val:de-en", train.Output);
    }

    [Fact]
    public async Task Doctor_prints_the_version_that_version_prints()
    {
        var doctor = await Invoke("doctor");
        Assert.Contains(Regurgitate.Cli.CommandLine.Version, doctor.Output);
        // --version prints the entry assembly's informational version; as `regurg` that is the CLI's, checked in a child process.
        using var child = ChildCli.Start("--version");
        Assert.Equal(0, await child.ExitCodeAsync(TimeSpan.FromMinutes(2)));
        Assert.Equal(Regurgitate.Cli.CommandLine.Version, child.Output.Trim());
    }

    [Fact]
    public async Task The_file_generator_is_named_after_the_whole_file_name()
    {
        File.WriteAllLines(scratch.File("src.de"), ["ein hund"]);
        File.WriteAllLines(scratch.File("google.en"), ["a dog"]);
        var result = await Invoke("generate", "-g", $"{{type: file, path: \"{scratch.File("google.en")}\"}}", "--sources", scratch.File("src.de"), "--out", scratch.File("out.jsonl"));
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("\"generator\":\"google.en\"", File.ReadAllText(scratch.File("out.jsonl")));
    }

    [Theory]
    [InlineData("99999")]
    [InlineData("-1")]
    public async Task Serve_with_a_port_out_of_range_says_so_in_one_line(string port)
    {
        File.WriteAllLines(scratch.File("src.de"), ["ein hund"]);
        File.WriteAllLines(scratch.File("t.en"), ["a dog"]);
        var serve = await Invoke("serve", "--from-file", scratch.File("src.de"), scratch.File("t.en"), "--port", port);
        Assert.Equal(2, serve.ExitCode);
        Assert.Equal($"regurg: error: --port must be between 1 and 65535 (or 0: any free port), not {port}", serve.Error.Trim());
        Assert.DoesNotContain("Usage", serve.Error + serve.Output);
    }

    [Fact]
    public async Task Serve_with_a_body_limit_out_of_range_is_refused()
    {
        File.WriteAllLines(scratch.File("src.de"), ["ein hund"]);
        File.WriteAllLines(scratch.File("t.en"), ["a dog"]);
        var serve = await Invoke("serve", "--from-file", scratch.File("src.de"), scratch.File("t.en"), "--port", "0", "--max-body-mb", "0");
        Assert.Equal(2, serve.ExitCode);
        Assert.Contains("--max-body-mb must be between 1 and 100000, not 0", serve.Error);
    }

    [Fact]
    public async Task Serve_fine_tuning_with_a_bad_base_creates_no_state_directory()
    {
        var serve = await Invoke("serve", "--fine-tuning", "--base", scratch.File("no-base"), "--state", scratch.File("new/state"), "--port", "0");
        Assert.Equal(2, serve.ExitCode);
        Assert.Contains("no-base", serve.Error);
        Assert.False(Directory.Exists(scratch.File("new")));
    }

    [Fact]
    public async Task Serve_fine_tuning_on_a_damaged_state_file_or_a_taken_port_exits_2_and_creates_nothing()
    {
        File.WriteAllLines(scratch.File("t.de"), ["ein hund", "eine katze"]);
        File.WriteAllLines(scratch.File("t.en"), ["a dog", "a cat"]);
        var train = await Invoke("train", "--train-source", scratch.File("t.de"), "--train-target", scratch.File("t.en"), "--vocab-size", "300",
            "--preset", "tiny", "--out", scratch.File("base"), "--max-updates", "1");
        Assert.True(train.ExitCode == 0, train.Error);
        string record = Path.Combine(Directory.CreateDirectory(scratch.File("state/files")).FullName, "file-0123.json");
        File.WriteAllText(record, "{\"Id\": \"file-0123\", ");

        var damaged = await Invoke("serve", "--fine-tuning", "--base", scratch.File("base"), "--state", scratch.File("state"), "--port", "0");

        Assert.Equal(2, damaged.ExitCode);
        Assert.Contains($"{record}: is not a readable uploaded file's metadata", damaged.Error);
        Assert.True(File.Exists(record));

        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            string port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var busy = await Invoke("serve", "--fine-tuning", "--base", scratch.File("base"), "--state", scratch.File("new-state"), "--port", port);
            Assert.Equal(2, busy.ExitCode);
            Assert.Contains("cannot listen on 127.0.0.1:" + port, busy.Error);
            Assert.False(Directory.Exists(scratch.File("new-state")));
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public async Task Finetune_submit_refused_with_413_names_the_size_limit_and_does_not_retry()
    {
        Regurgitate.FineTuning.ChatFineTuningJsonl.Write(scratch.File("train.jsonl"), [new Regurgitate.Corpora.SentencePair("ein hund", "a dog", Regurgitate.Corpora.Provenance.Human)],
            Regurgitate.FineTuning.ChatFineTuningFormat.Default("German", "English"));
        // A server that refuses every body as too large, as `serve --fine-tuning` does above --max-body-mb.
        int port = ClosedPort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        int requests = 0;
        var answering = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await listener.GetContextAsync(); } catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                Interlocked.Increment(ref requests);
                await context.Request.InputStream.CopyToAsync(Stream.Null);
                context.Response.StatusCode = 413;
                context.Response.ContentType = "application/json";
                byte[] body = System.Text.Encoding.UTF8.GetBytes("{\"error\":{\"message\":\"the request body is larger than this server's limit of 1 MB (serve --max-body-mb)\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"request_too_large\"}}");
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        });

        var submit = await Invoke("finetune", "submit", "--train", scratch.File("train.jsonl"), "--model", "m", "--base-url", $"http://127.0.0.1:{port}/v1");
        listener.Stop();
        await answering;

        Assert.Equal(2, submit.ExitCode);
        Assert.Contains("HTTP 413", submit.Error);
        Assert.Contains("larger than this server's limit of 1 MB (serve --max-body-mb)", submit.Error);
        Assert.DoesNotContain("connection", submit.Error);
        Assert.Equal(1, requests);
    }

    public void Dispose() => scratch.Dispose();
}
