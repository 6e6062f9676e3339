using System.Text.Json.Nodes;
using Regurgitate.FineTuning;

namespace Regurgitate.Tests.Commands;

/// <summary>`regurg finetune export|submit|status|evaluate` and `regurg serve --fine-tuning` as a user runs them, processes and all.</summary>
public sealed class FinetuneCommandTests : IDisposable
{
    readonly TestData.ScratchFolder scratch = new();

    /// <summary>Multi30k validation pairs as Moses files; returns (source, target) paths.</summary>
    (string Source, string Target) Pairs(string name, int count, int skip = 0)
    {
        File.WriteAllLines(scratch.File(name + ".de"), TestData.GzipLines("multi30k/val.de.gz", count, skip));
        File.WriteAllLines(scratch.File(name + ".en"), TestData.GzipLines("multi30k/val.en.gz", count, skip));
        return (scratch.File(name + ".de"), scratch.File(name + ".en"));
    }

    [Fact]
    public async Task Export_writes_one_chat_example_per_pair_in_the_generators_prompt()
    {
        var result = await InProcessCli.Invoke("finetune", "export", "--corpus", "multi30k:val:de-en", "--data-dir", TestData.Root,
            "--out", scratch.File("train.jsonl"), "--valid-corpus", "multi30k:test_2016_flickr:de-en", "--valid-out", scratch.File("valid.jsonl"));
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("wrote 1,014 examples", result.Output);

        var first = JsonNode.Parse(File.ReadLines(scratch.File("train.jsonl")).First())!["messages"]!.AsArray();
        Assert.Equal(["system", "user", "assistant"], first.Select(m => m!["role"]!.GetValue<string>()));
        var german = TestData.GzipLines("multi30k/val.de.gz", 1)[0];
        // The language names come from the dataset's codes; the prompt is the `openai` generator's default.
        Assert.Equal(ChatFineTuningFormat.Default("German", "English").Messages(german, TestData.GzipLines("multi30k/val.en.gz", 1)[0]).ToJsonString(), first.ToJsonString());
        var back = ChatFineTuningJsonl.Read(scratch.File("valid.jsonl"));
        Assert.Equal(TestData.Multi30kTest(1000).German, back.Select(e => e.Source));
    }

    [Theory]
    [InlineData("finetune", "submit", "--train", "no-such.jsonl", "--model", "m")]
    [InlineData("finetune", "submit", "--train", "BAD", "--model", "m")]
    [InlineData("finetune", "status", "ftjob-1", "--api-key-env", "sk-proj-abcdefabcdefabcdefabcdef")]
    [InlineData("finetune", "status", "ftjob-1", "--base-url", "ftp://example")]
    [InlineData("finetune", "export", "--source", "SRC", "--target", "SRC", "--out", "x.jsonl", "--prompt", "{text}")]
    [InlineData("serve", "--fine-tuning", "--base", "x")]
    [InlineData("serve", "--checkpoint", "x", "--state", "y")]
    public async Task Bad_arguments_exit_2_with_one_clear_line(params string[] args)
    {
        File.WriteAllLines(scratch.File("bad.jsonl"), ["{\"messages\": [{\"role\": \"user\", \"content\": \"a\"}, {\"role\": \"assistant\", \"content\": \"b\"}]}", "{not json"]);
        File.WriteAllLines(scratch.File("src.txt"), ["a"]);
        var result = await InProcessCli.Invoke(args.Select(a => a switch { "BAD" => scratch.File("bad.jsonl"), "SRC" => scratch.File("src.txt"), "x.jsonl" => scratch.File("x.jsonl"), _ => a }).ToArray());
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("regurg: error:", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("abcdefabcdef", result.Error);
        if (args.Contains("BAD")) Assert.Contains("bad.jsonl:2: is not valid JSON", result.Error);
    }

    [Fact]
    public async Task A_server_killed_mid_job_resumes_the_same_job_on_restart_and_the_key_is_written_nowhere()
    {
        string key = "sk-regurg-cli-" + Guid.NewGuid().ToString("N");
        string variable = "REGURG_FT_CLI_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        // The base: a tiny model trained briefly on real Multi30k pairs (its quality does not matter here).
        var (trainDe, trainEn) = Pairs("base", 200, 100);
        string run = scratch.File("base-run");
        var train = await InProcessCli.Invoke("train", "--train-source", trainDe, "--train-target", trainEn, "--vocab-size", "300", "--preset", "tiny",
            "--out", run, "--batch-tokens", "600", "--warmup", "10", "--lr", "3e-3", "--max-updates", "10");
        Assert.True(train.ExitCode == 0, train.Error);
        var (ftDe, ftEn) = Pairs("ft", 40);
        var export = await InProcessCli.Invoke("finetune", "export", "--source", ftDe, "--target", ftEn, "--source-lang", "German", "--target-lang", "English",
            "--out", scratch.File("ft.jsonl"));
        Assert.True(export.ExitCode == 0, export.Error);
        string state = scratch.File("state");

        Environment.SetEnvironmentVariable(variable, key);
        var seen = new List<string>();
        try
        {
            Uri url;
            string jobId;
            using (var first = ChildCli.Start("serve", "--fine-tuning", "--base", run, "--state", state, "--port", "0", "--greedy", "--api-key-env", variable, "--log-requests"))
            {
                url = await UrlOf(first);
                var submit = await InProcessCli.Invoke("finetune", "submit", "--train", scratch.File("ft.jsonl"), "--model", "nmt:base-run",
                    "--suffix", "kill", "--epochs", "30", "--seed", "9", "--base-url", url.ToString(), "--api-key-env", variable);
                Assert.True(submit.ExitCode == 0, submit.Error);
                jobId = submit.Output.Split(' ').Single(w => w.StartsWith("ftjob-", StringComparison.Ordinal) && !w.Contains('`'));
                seen.Add(submit.Output + submit.Error);

                // Kill -9 once training has made some progress (and so written checkpoints).
                var client = Client(url, variable);
                for (int i = 0; i < 1200 && !(await client.GetEventsAsync(jobId)).Any(e => e.Message.StartsWith("Step 10:", StringComparison.Ordinal)); i++)
                    await Task.Delay(100);
                Assert.Equal(FineTuningJobStatus.Running, (await client.GetJobAsync(jobId)).Status);
                await first.KillAsync();
                seen.Add(first.Output + first.Error);
            }

            using (var second = ChildCli.Start("serve", "--fine-tuning", "--base", run, "--state", state, "--port", "0", "--greedy", "--api-key-env", variable, "--log-requests"))
            {
                url = await UrlOf(second);
                var client = Client(url, variable);
                var done = await client.WaitAsync(jobId);
                Assert.True(done.Status == FineTuningJobStatus.Succeeded, done.Error?.ToString());
                Assert.Equal($"ft:nmt:base-run:kill:{jobId}", done.FineTunedModel);
                // The same job went on: no second job, and its log says it resumed.
                Assert.Equal([jobId], (await client.ListJobsAsync()).Select(j => j.Id));
                var events = (await client.GetEventsAsync(jobId)).Select(e => e.Message).ToList();
                Assert.Contains("Fine-tuning job resumed after a server restart", events);
                Assert.Contains(events, e => e.StartsWith("resuming ", StringComparison.Ordinal) && !e.Contains("update 0", StringComparison.Ordinal));

                var status = await InProcessCli.Invoke("finetune", "status", jobId, "--events", "1000", "--base-url", url.ToString(), "--api-key-env", variable);
                Assert.True(status.ExitCode == 0, status.Error);
                Assert.Contains($"job {jobId}: succeeded", status.Output);
                Assert.Contains("Fine-tuning job resumed after a server restart", status.Output);
                var (testDe, testEn) = Pairs("test", 10, 300);
                var evaluate = await InProcessCli.Invoke("finetune", "evaluate", "--model", done.FineTunedModel!, "--test-source", testDe, "--test-target", testEn,
                    "--source-lang", "German", "--target-lang", "English", "--base-url", url.ToString(), "--api-key-env", variable, "--out", scratch.File("hyp.en"));
                Assert.True(evaluate.ExitCode == 0, evaluate.Error);
                Assert.Contains("BLEU|", evaluate.Output);
                Assert.Contains("chrF2|", evaluate.Output);
                Assert.Equal(10, File.ReadAllLines(scratch.File("hyp.en")).Length);
                seen.Add(status.Output + status.Error + evaluate.Output + evaluate.Error);

                // Without the key the server refuses.
                var refused = await InProcessCli.Invoke("finetune", "status", jobId, "--base-url", url.ToString());
                Assert.Equal(2, refused.ExitCode);
                Assert.Contains("HTTP 401", refused.Error);
                second.Signal("INT");
                Assert.Equal(130, await second.ExitCodeAsync(TimeSpan.FromMinutes(2)));
                seen.Add(second.Output + second.Error);
            }
            Assert.All(seen, text => Assert.DoesNotContain(key, text));
            foreach (var path in Directory.EnumerateFiles(scratch.Path, "*", SearchOption.AllDirectories))
                Assert.False(File.ReadAllBytes(path).AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(key)) >= 0, $"the key is in {path}");
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    internal static FineTuningEndpoint Client(Uri url, string variable) => new(new FineTuningEndpointSettings(url)
    {
        ApiKeyEnvironmentVariable = variable,
        PollInterval = TimeSpan.FromMilliseconds(200),
        MaxPollInterval = TimeSpan.FromSeconds(1),
    });

    internal static async Task<Uri> UrlOf(ChildCli server)
    {
        Assert.True(await server.WaitForAsync("Ctrl+C stops", TimeSpan.FromMinutes(2)), server.Output + server.Error);
        return server.Output.Split(' ').Where(w => w.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)).Select(w => new Uri(w)).First();
    }

    public void Dispose() => scratch.Dispose();
}
