using System.ClientModel;
using System.Net;
using System.Text.Json.Nodes;
using OpenAI;
using OpenAI.Files;
using OpenAI.FineTuning;
using Regurgitate.Corpora;
using Regurgitate.Decoding;
using Regurgitate.FineTuning;
using Regurgitate.Generators;
using Regurgitate.Serving;

#pragma warning disable OPENAI001 // the SDK's fine-tuning types are experimental; the test checks our server against them

namespace Regurgitate.Tests;

/// <summary>`regurg serve --fine-tuning` driven through the official OpenAI SDK (our <see cref="FineTuningEndpoint"/> and the SDK's own clients).</summary>
public class FineTuningServerTests(TinyBaseModel baseModel) : IClassFixture<TinyBaseModel>
{
    // Greedy: the tiny models decode fast, and the same either way for a seed.
    static readonly DecodingOptions Greedy = new() { Strategy = DecodingStrategy.Greedy };
    static readonly ChatFineTuningFormat Format = ChatFineTuningFormat.Default("German", "English");
    static readonly FineTuningEndpointSettings Fast = new(new Uri("http://127.0.0.1/v1")) { PollInterval = TimeSpan.FromMilliseconds(100), MaxPollInterval = TimeSpan.FromMilliseconds(300) };

    async Task<FineTuningServer> Serve(string state, string? apiKey = null) =>
        await FineTuningServer.StartAsync(new FineTuningServerOptions(baseModel.Run, state) { BaseModelName = "tiny-base", Decoding = Greedy },
            new TranslationServerOptions { ApiKey = apiKey });

    static FineTuningEndpoint Client(FineTuningServer server, string? keyVariable = null) =>
        new(Fast with { BaseUrl = server.BaseUrl, ApiKeyEnvironmentVariable = keyVariable });

    /// <summary>Real Multi30k validation pairs, written as chat fine-tuning JSONL.</summary>
    static (string Path, List<SentencePair> Pairs) Examples(TestData.ScratchFolder scratch, string name, int skip, int count)
    {
        var pairs = TestData.GzipLines("multi30k/val.de.gz", count, skip).Zip(TestData.GzipLines("multi30k/val.en.gz", count, skip))
            .Select(p => new SentencePair(p.First, p.Second, Provenance.Human)).ToList();
        string path = scratch.File(name);
        ChatFineTuningJsonl.Write(path, pairs, Format);
        return (path, pairs);
    }

    [Fact]
    public async Task Fine_tunes_on_uploaded_pairs_and_serves_the_fine_tuned_model_by_name()
    {
        using var scratch = TestData.Scratch();
        await using var server = await Serve(scratch.File("state"));
        var client = Client(server);
        var (trainPath, _) = Examples(scratch, "train.jsonl", 0, 40);
        var (validPath, _) = Examples(scratch, "valid.jsonl", 40, 8);

        var train = await client.UploadAsync(trainPath);
        var valid = await client.UploadAsync(validPath);
        Assert.StartsWith("file-", train.Id);
        Assert.Equal(new FileInfo(trainPath).Length, train.Bytes);
        Assert.Equal("train.jsonl", train.Filename);

        var created = await client.CreateJobAsync(new FineTuningJobRequest("tiny-base", train.Id) { ValidationFile = valid.Id, Suffix = "m30k", Seed = 11, Epochs = 2 });
        Assert.Equal(FineTuningJobStatus.ValidatingFiles, created.Status);
        Assert.Equal(11, created.Seed);
        Assert.Equal(2, created.Epochs);

        var done = await client.WaitAsync(created.Id);
        Assert.True(done.Status == FineTuningJobStatus.Succeeded, done.Error?.ToString());
        Assert.Equal($"ft:tiny-base:m30k:{created.Id}", done.FineTunedModel);
        Assert.True(done.TrainedTokens > 0);
        Assert.NotNull(done.FinishedAt);

        // The events tell the story in order, as the API's do.
        var events = (await client.GetEventsAsync(created.Id)).Select(e => e.Message).ToList();
        Assert.StartsWith("Created fine-tuning job", events[0]);
        Assert.Contains(events, e => e.StartsWith("Files validated (40 training and 8 validation examples)", StringComparison.Ordinal));
        Assert.Contains(events, e => e.StartsWith("Step ", StringComparison.Ordinal));
        Assert.Equal("The job has successfully completed", events[^1]);

        // /v1/models lists the base and the fine-tuned model, and chat completions route by name.
        using var http = new HttpClient();
        var models = JsonNode.Parse(await http.GetStringAsync(server.BaseUrl + "/models"))!["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(["tiny-base", done.FineTunedModel!], models);
        var (german, _) = TestData.Multi30kTest(6);
        using var fineTuned = new OpenAIChatGenerator(Format.ChatSettings(server.BaseUrl, done.FineTunedModel!));
        var translations = await fineTuned.GenerateAsync(german);
        Assert.All(translations, t => Assert.True(t.Succeeded, t.Failure));
        using var baseline = new OpenAIChatGenerator(Format.ChatSettings(server.BaseUrl, "tiny-base"));
        Assert.All(await baseline.GenerateAsync(german), t => Assert.True(t.Succeeded, t.Failure));

        // The SDK's own typed clients read our shapes: jobs, files, deletion.
        var sdk = new OpenAIClient(new ApiKeyCredential("no-key"), new OpenAIClientOptions { Endpoint = server.BaseUrl });
        var job = await sdk.GetFineTuningClient().GetJobAsync(created.Id);
        Assert.Equal(FineTuningStatus.Succeeded, job.Status);
        Assert.Equal(done.FineTunedModel, job.Value);
        Assert.Equal(train.Id, job.TrainingFileId);
        var files = sdk.GetOpenAIFileClient();
        Assert.Equal([valid.Id, train.Id], (await files.GetFilesAsync()).Value.Select(f => f.Id));
        Assert.Equal("valid.jsonl", (await files.GetFileAsync(valid.Id)).Value.Filename);
        Assert.True(await client.DeleteFileAsync(valid.Id));
        Assert.Equal([train.Id], (await files.GetFilesAsync()).Value.Select(f => f.Id));
        // The job kept its own copy: deleting an upload does not take the fine-tuned model away.
        Assert.Equal(6, (await fineTuned.GenerateAsync(german)).Count(t => t.Succeeded));
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_fine_tuned_model()
    {
        using var scratch = TestData.Scratch();
        await using var server = await Serve(scratch.File("state"));
        var client = Client(server);
        var file = await client.UploadAsync(Examples(scratch, "train.jsonl", 100, 30).Path);
        var first = await client.WaitAsync((await client.CreateJobAsync(new FineTuningJobRequest("tiny-base", file.Id) { Seed = 5, Epochs = 2 })).Id);
        var second = await client.WaitAsync((await client.CreateJobAsync(new FineTuningJobRequest("tiny-base", file.Id) { Seed = 5, Epochs = 2 })).Id);
        Assert.Equal(FineTuningJobStatus.Succeeded, first.Status);
        Assert.Equal(FineTuningJobStatus.Succeeded, second.Status);
        Assert.NotEqual(first.FineTunedModel, second.FineTunedModel);
        Assert.Equal(first.TrainedTokens, second.TrainedTokens);

        var (german, _) = TestData.Multi30kTest(8);
        using var a = new OpenAIChatGenerator(Format.ChatSettings(server.BaseUrl, first.FineTunedModel!));
        using var b = new OpenAIChatGenerator(Format.ChatSettings(server.BaseUrl, second.FineTunedModel!));
        var fromA = (await a.GenerateAsync(german)).Select(t => (t.Text, t.LogProbability)).ToList();
        var fromB = (await b.GenerateAsync(german)).Select(t => (t.Text, t.LogProbability)).ToList();
        Assert.Equal(fromA, fromB);
    }

    [Fact]
    public async Task A_bad_line_fails_the_job_with_an_error_naming_the_line()
    {
        using var scratch = TestData.Scratch();
        await using var server = await Serve(scratch.File("state"));
        var client = Client(server);
        var (path, _) = Examples(scratch, "train.jsonl", 0, 5);
        var lines = File.ReadAllLines(path).ToList();
        lines[2] = "{\"messages\": [{\"role\": \"user\", \"content\": \"Ein Hund.\"}]}";
        File.WriteAllLines(path, lines);
        var file = await client.UploadAsync(path);

        var job = await client.WaitAsync((await client.CreateJobAsync(new FineTuningJobRequest("tiny-base", file.Id))).Id);

        Assert.Equal(FineTuningJobStatus.Failed, job.Status);
        Assert.Equal("training_file", job.Error!.Param);
        Assert.Contains($"{file.Id} is not a valid chat fine-tuning file: line 3 has no assistant message", job.Error.Message);
        Assert.Null(job.FineTunedModel);
    }

    [Fact]
    public async Task File_and_job_calls_retry_through_429_5xx_and_malformed_replies_and_create_one_job()
    {
        using var scratch = TestData.Scratch();
        await using var server = await FineTuningServer.StartAsync(new FineTuningServerOptions(baseModel.Run, scratch.File("state")) { BaseModelName = "tiny-base", Decoding = Greedy },
            new TranslationServerOptions { Faults = FaultPlan.Parse("429,500,ok,503,ok,ok,malformed,ok"), RetryAfter = TimeSpan.FromMilliseconds(20) });
        var retries = new List<string>();
        var client = new FineTuningEndpoint(Fast with { BaseUrl = server.BaseUrl, Backoff = new RetryBackoff(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50)) },
            line => { lock (retries) retries.Add(line); });

        var file = await client.UploadAsync(Examples(scratch, "train.jsonl", 0, 10).Path);
        var job = await client.CreateJobAsync(new FineTuningJobRequest("tiny-base", file.Id) { Epochs = 1, Seed = 4 });
        var done = await client.WaitAsync(job.Id);

        Assert.Equal(FineTuningJobStatus.Succeeded, done.Status);
        Assert.Single(await client.ListJobsAsync());
        Assert.Single(await client.ListJobsAsync(), j => j.Id == job.Id);
        lock (retries)
        {
            Assert.Contains(retries, r => r.Contains("upload train.jsonl: HTTP 429", StringComparison.Ordinal));
            Assert.Contains(retries, r => r.Contains("HTTP 500", StringComparison.Ordinal));
            // A 503 may have created the job before its reply was lost: the retry looked first, and found none to adopt.
            Assert.Contains(retries, r => r.Contains("create fine-tuning job: HTTP 503", StringComparison.Ordinal));
            Assert.Contains(retries, r => r.Contains("malformed reply", StringComparison.Ordinal));
        }
        Assert.True(server.FaultsInjected >= 5);
    }

    [Fact]
    public async Task Unknown_ids_and_bad_requests_get_the_api_error_object()
    {
        using var scratch = TestData.Scratch();
        await using var server = await Serve(scratch.File("state"));
        using var http = new HttpClient();

        using var missingFile = await http.GetAsync(server.BaseUrl + "/files/file-0000");
        Assert.Equal(HttpStatusCode.NotFound, missingFile.StatusCode);
        var error = JsonNode.Parse(await missingFile.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("No such File object: file-0000", error["message"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());

        var client = Client(server);
        var badFile = await Assert.ThrowsAsync<InputException>(() => client.CreateJobAsync(new FineTuningJobRequest("tiny-base", "file-0000")));
        Assert.Contains("HTTP 400", badFile.Message);
        Assert.Contains("invalid training_file", badFile.Message);
        var badModel = await Assert.ThrowsAsync<InputException>(() => client.CreateJobAsync(new FineTuningJobRequest("gpt-4o-mini", "file-0000")));
        Assert.Contains("not available for fine-tuning", badModel.Message);
        var missingJob = await Assert.ThrowsAsync<InputException>(() => client.GetJobAsync("ftjob-0000"));
        Assert.Contains("HTTP 404", missingJob.Message);
        var deleted = await Assert.ThrowsAsync<InputException>(() => client.DeleteFileAsync("file-0000"));
        Assert.Contains("No such File object", deleted.Message);
        // Nothing was created by the failed requests.
        Assert.Empty(await client.ListJobsAsync());
    }

    [Fact]
    public async Task Cancel_stops_a_running_job_and_a_second_cancel_is_refused()
    {
        using var scratch = TestData.Scratch();
        await using var server = await Serve(scratch.File("state"));
        var client = Client(server);
        var file = await client.UploadAsync(Examples(scratch, "train.jsonl", 0, 60).Path);
        var job = await client.CreateJobAsync(new FineTuningJobRequest("tiny-base", file.Id) { Epochs = 50 });
        var events = new List<string>();
        for (int i = 0; i < 600 && !events.Any(e => e.StartsWith("Step ", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(100);
            events = (await client.GetEventsAsync(job.Id)).Select(e => e.Message).ToList();
        }
        Assert.Equal(FineTuningJobStatus.Running, (await client.GetJobAsync(job.Id)).Status);

        var cancelled = await client.CancelJobAsync(job.Id);

        Assert.Equal(FineTuningJobStatus.Cancelled, cancelled.Status);
        await Task.Delay(500);
        var after = await client.GetJobAsync(job.Id);
        Assert.Equal(FineTuningJobStatus.Cancelled, after.Status);
        Assert.Null(after.FineTunedModel);
        Assert.Contains("Fine-tuning job cancelled", (await client.GetEventsAsync(job.Id)).Select(e => e.Message));
        var again = await Assert.ThrowsAsync<InputException>(() => client.CancelJobAsync(job.Id));
        Assert.Contains("already cancelled", again.Message);
    }

    [Fact]
    public async Task A_stopped_server_keeps_the_running_jobs_checkpoint_and_the_next_one_finishes_the_same_job()
    {
        using var scratch = TestData.Scratch();
        string state = scratch.File("state");
        string jobId;
        await using (var server = await Serve(state))
        {
            var client = Client(server);
            var file = await client.UploadAsync(Examples(scratch, "train.jsonl", 0, 40).Path);
            jobId = (await client.CreateJobAsync(new FineTuningJobRequest("tiny-base", file.Id) { Epochs = 40, Seed = 2 })).Id;
            for (int i = 0; i < 1200 && !server.Jobs.Get(jobId)!.Events.Any(e => e.Message.StartsWith("Step 10:", StringComparison.Ordinal)); i++)
                await Task.Delay(50);
        }
        // Stopping (as on SIGINT/SIGTERM) left the job running, with a checkpoint past its start.
        var stopped = new FineTuningJobStore(state).Get(jobId)!;
        Assert.Equal(FineTuningJobStatus.Running, stopped.Status);
        Assert.Contains(stopped.Events, e => e.Message.StartsWith("The server stopped; training resumes", StringComparison.Ordinal));
        Assert.NotNull(Regurgitate.Training.Checkpoint.Resolve(new FineTuningJobStore(state).RunOf(jobId), Regurgitate.Training.Checkpoint.LastPointer));

        await using (var server = await Serve(state))
        {
            var client = Client(server);
            var done = await client.WaitAsync(jobId);
            Assert.Equal(FineTuningJobStatus.Succeeded, done.Status);
            Assert.Single(await client.ListJobsAsync());
            Assert.Contains("Fine-tuning job resumed after a server restart", (await client.GetEventsAsync(jobId)).Select(e => e.Message));
        }
    }

    [Fact]
    public async Task Api_key_comes_from_the_environment_and_reaches_no_state_file()
    {
        string key = "sk-regurg-ft-" + Guid.NewGuid().ToString("N");
        string variable = "REGURG_FT_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        using var scratch = TestData.Scratch();
        var log = new List<string>();
        await using var server = await FineTuningServer.StartAsync(
            new FineTuningServerOptions(baseModel.Run, scratch.File("state")) { BaseModelName = "tiny-base", Decoding = Greedy, Log = line => { lock (log) log.Add(line); } },
            new TranslationServerOptions { ApiKey = key, Log = line => { lock (log) log.Add(line); } });
        Environment.SetEnvironmentVariable(variable, key);
        try
        {
            var client = Client(server, variable);
            var file = await client.UploadAsync(Examples(scratch, "train.jsonl", 0, 10).Path);
            var job = await client.WaitAsync((await client.CreateJobAsync(new FineTuningJobRequest("tiny-base", file.Id) { Epochs = 1 })).Id);
            Assert.Equal(FineTuningJobStatus.Succeeded, job.Status);
            using var chat = new OpenAIChatGenerator(Format.ChatSettings(server.BaseUrl, job.FineTunedModel!) with { ApiKeyEnvironmentVariable = variable });
            Assert.True((await chat.GenerateAsync(["Ein Hund läuft."]))[0].Succeeded);

            foreach (var path in Directory.EnumerateFiles(scratch.Path, "*", SearchOption.AllDirectories))
                Assert.False(File.ReadAllBytes(path).AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(key)) >= 0, $"the key is in {path}");
            lock (log) Assert.All(log, line => Assert.DoesNotContain(key, line));
            Assert.DoesNotContain(key, job.ToString());

            // Without the key the server refuses, and the client says so clearly.
            var refused = await Assert.ThrowsAsync<InputException>(() => Client(server).GetJobAsync(job.Id));
            Assert.Contains("HTTP 401", refused.Message);
            Assert.DoesNotContain(key, refused.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
