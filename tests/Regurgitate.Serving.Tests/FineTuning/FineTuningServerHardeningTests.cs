using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Regurgitate.Corpora;
using Regurgitate.Decoding;
using Regurgitate.FineTuning;
using Regurgitate.Serving;

namespace Regurgitate.Tests;

/// <summary>
/// Issue 26's server items: a hostile or careless client gets a 4xx in the API's error shape (never a 500 naming a
/// .NET type), with nothing stored; damaged state is found at start; a failed start leaves nothing behind.
/// </summary>
public class FineTuningServerHardeningTests(TinyBaseModel baseModel) : IClassFixture<TinyBaseModel>
{
    static readonly DecodingOptions Greedy = new() { Strategy = DecodingStrategy.Greedy };
    static readonly FineTuningEndpointSettings Fast = new(new Uri("http://127.0.0.1/v1")) { PollInterval = TimeSpan.FromMilliseconds(100), MaxPollInterval = TimeSpan.FromMilliseconds(300) };

    Task<FineTuningServer> Serve(string state, TranslationServerOptions? serverOptions = null, Action<string>? log = null) =>
        FineTuningServer.StartAsync(new FineTuningServerOptions(baseModel.Run, state) { BaseModelName = "tiny-base", Decoding = Greedy, Log = log },
            serverOptions ?? new TranslationServerOptions());

    static string TrainingFile(TestData.ScratchFolder scratch, int count = 10)
    {
        var pairs = TestData.GzipLines("multi30k/val.de.gz", count, 0).Zip(TestData.GzipLines("multi30k/val.en.gz", count, 0))
            .Select(p => new SentencePair(p.First, p.Second, Provenance.Human)).ToList();
        string path = scratch.File("train.jsonl");
        ChatFineTuningJsonl.Write(path, pairs, ChatFineTuningFormat.Default("German", "English"));
        return path;
    }

    /// <summary>The error object of <paramref name="response"/>, checked for the API's shape and for .NET type names.</summary>
    static async Task<JsonObject> ErrorOf(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        var error = (JsonNode.Parse(text)!["error"] as JsonObject)!;
        foreach (string field in new[] { "message", "type", "param", "code" }) Assert.True(error.ContainsKey(field), $"no '{field}' in {text}");
        Assert.DoesNotContain("Exception", text);
        Assert.DoesNotContain("System.", text);
        return error;
    }

    static string Message(JsonObject error) => error["message"]!.GetValue<string>();

    static ByteArrayContent Raw(string body, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType != null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    static string Multipart(string boundary, string filename, string purpose = "fine-tune", string data = "{}\n", bool close = true) =>
        $"--{boundary}\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n{purpose}\r\n" +
        $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n{data}\r\n" +
        (close ? $"--{boundary}--\r\n" : "");

    [Theory]
    [InlineData(200_000)]
    // Far over the limit: the client is still sending when the server answers.
    [InlineData(20_000_000)]
    public async Task A_body_over_the_limit_gets_413_naming_the_limit_and_the_client_does_not_retry_it(int size)
    {
        using var scratch = TestData.Scratch();
        var log = new List<string>();
        await using var server = await Serve(scratch.File("state"), new TranslationServerOptions { MaxRequestBodyBytes = 64 * 1024, Log = line => { lock (log) log.Add(line); } });
        string big = scratch.File("big.jsonl");
        File.WriteAllText(big, new string('x', size));
        var retries = new List<string>();
        var client = new FineTuningEndpoint(Fast with { BaseUrl = server.BaseUrl }, line => { lock (retries) retries.Add(line); });

        var refused = await Assert.ThrowsAsync<InputException>(() => client.UploadAsync(big));

        Assert.Contains("HTTP 413", refused.Message);
        Assert.Contains("larger than this server's limit of 0.06 MB (serve --max-body-mb)", refused.Message);
        Assert.DoesNotContain("connection", refused.Message);
        Assert.Empty(retries);
        using var http = new HttpClient();
        using var chat = await http.PostAsync(server.BaseUrl + "/chat/completions", Raw("{\"model\":\"" + new string('m', 100_000) + "\"}", "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chat.StatusCode);
        Assert.Equal("request_too_large", (await ErrorOf(chat))["code"]!.GetValue<string>());
        // A chunked body announces no length: Kestrel finds it too large as it is read.
        using var chunked = new HttpRequestMessage(HttpMethod.Post, server.BaseUrl + "/fine_tuning/jobs") { Content = Raw("{\"model\":\"" + new string('m', 100_000) + "\"}", "application/json") };
        chunked.Headers.TransferEncodingChunked = true;
        using var chunkedResponse = await http.SendAsync(chunked);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunkedResponse.StatusCode);
        Assert.Contains("(serve --max-body-mb)", Message(await ErrorOf(chunkedResponse)));
        lock (log) Assert.Contains(log, line => line.Contains(": 413 the request body is larger", StringComparison.Ordinal));
        Assert.Empty(server.Jobs.List());
        Assert.Empty(Directory.GetFiles(scratch.File("state/files")));
        Assert.Empty(Directory.GetFiles(scratch.File("state/tmp")));
    }

    public static TheoryData<string, string, string?, string, int, string> MalformedRequests() => new()
    {
        // route, body, content type, where the message is checked, status, a fragment of the message
        { "/fine_tuning/jobs", "{\"model\":\"a\",\"model\":\"b\"}", "application/json", "", 400, "the body is not valid JSON: Duplicate" },
        { "/chat/completions", "{\"model\":\"a\",\"model\":\"b\",\"messages\":[]}", "application/json", "", 400, "the body is not valid JSON: Duplicate" },
        { "/fine_tuning/jobs", "{\"model\":", "application/json", "", 400, "the body is not valid JSON" },
        { "/chat/completions", "", "application/json", "", 400, "the body is not valid JSON" },
        { "/fine_tuning/jobs", "[1]", "application/json", "", 400, "the body must be a JSON object" },
        { "/fine_tuning/jobs", "{\"model\":\"tiny-base\"}", "text/plain", "", 415, "the body must be JSON (Content-Type: application/json), not 'text/plain'" },
        { "/chat/completions", "model=x", "application/x-www-form-urlencoded", "", 415, "the body must be JSON" },
        { "/fine_tuning/jobs", "{\"model\":5}", "application/json", "", 400, "'model' must be a string" },
        { "/chat/completions", "{\"model\":5,\"messages\":[]}", "application/json", "", 400, "'model' must be a string" },
        { "/chat/completions", "{\"model\":\"tiny-base\",\"n\":1e400,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "application/json", "", 400, "only n = 1" },
        { "/chat/completions", "{\"model\":\"tiny-base\",\"max_tokens\":\"5\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "application/json", "", 400, "'max_tokens' must be a positive whole number" },
        { "/fine_tuning/jobs", "{\"model\":\"tiny-base\",\"training_file\":\"FILE\",\"method\":\"supervised\"}", "application/json", "", 400, "'method' must be an object" },
        { "/fine_tuning/jobs", "{\"model\":\"tiny-base\",\"training_file\":\"FILE\",\"hyperparameters\":[3]}", "application/json", "", 400, "'hyperparameters' must be an object" },
        { "/fine_tuning/jobs", "{\"model\":\"tiny-base\",\"training_file\":\"FILE\",\"method\":{\"type\":5}}", "application/json", "", 400, "the method 5 is not supported" },
        { "/fine_tuning/jobs", "{\"model\":\"tiny-base\",\"training_file\":\"FILE\",\"suffix\":\"a\\u0000b\"}", "application/json", "", 400, "'suffix' may hold only letters, digits" },
        { "/fine_tuning/jobs", "{\"model\":\"tiny-base\",\"training_file\":\"FILE\",\"suffix\":\"a\\nb\"}", "application/json", "", 400, "'suffix' may hold only letters, digits" },
        { "/fine_tuning/jobs", "{\"model\":\"tiny-base\",\"training_file\":\"FILE\",\"suffix\":\"../x\"}", "application/json", "", 400, "'suffix' may hold only letters, digits" },
        { "/fine_tuning/jobs", "{\"model\":\"tiny-base\",\"training_file\":\"FILE\",\"suffix\":\"a/b\"}", "application/json", "", 400, "'suffix' may hold only letters, digits" },
        { "/fine_tuning/jobs", "{\"model\":\"tiny-base\",\"training_file\":\"FILE\",\"suffix\":\"" + new string('s', 65) + "\"}", "application/json", "", 400, "'suffix' must have 1 to 64 characters, not 65" },
        { "/fine_tuning/jobs", "{\"model\":\"tiny-base\",\"training_file\":\"FILE\",\"suffix\":7}", "application/json", "", 400, "'suffix' must be a string" },
        { "/files", Multipart("xyz", "train.jsonl"), "multipart/form-data", "", 400, "names no boundary" },
        { "/files", Multipart("xyz", "a\r\nb.jsonl"), "multipart/form-data; boundary=xyz", "", 400, "multipart body" },
        { "/files", Multipart("xyz", "a\tb.jsonl"), "multipart/form-data; boundary=xyz", "", 400, "the file's name holds a control character" },
        { "/files", Multipart("xyz", "train.jsonl", close: false)[..^30], "multipart/form-data; boundary=xyz", "", 400, "the upload is truncated" },
        { "/files", Multipart("xyz", "train.jsonl", purpose: "batch"), "multipart/form-data; boundary=xyz", "", 400, "'batch' is not a purpose this server takes" },
        { "/files", Multipart("xyz", "train.jsonl", data: ""), "multipart/form-data; boundary=xyz", "", 400, "the upload has no 'file' field, or it is empty" },
        { "/files", Multipart("xyz", new string('n', 300)), "multipart/form-data; boundary=xyz", "", 400, "the file's name has 300 characters" },
        { "/files", "{}", "application/json", "", 400, "upload a file as multipart/form-data" },
        { "/fine_tuning/jobs?limit=-1", "", null, "GET", 400, "'limit' must be a whole number from 1 to 100, not '-1'" },
        { "/fine_tuning/jobs?limit=abc", "", null, "GET", 400, "'limit' must be a whole number from 1 to 100, not 'abc'" },
        { "/fine_tuning/jobs?limit=0", "", null, "GET", 400, "'limit' must be a whole number" },
        { "/fine_tuning/jobs?limit=101", "", null, "GET", 400, "'limit' must be a whole number" },
        { "/fine_tuning/jobs?limit=1&limit=2", "", null, "GET", 400, "'limit' must be a whole number" },
        { "/fine_tuning/jobs?after=ftjob-nope", "", null, "GET", 400, "'after' must be the id of a job in this list; 'ftjob-nope' is not one" },
        { "/files/file-%0Aabc", "", null, "GET", 404, "No such File object: file-?abc" },
        { "/chat/completions", "{\"model\":\"a\\nb\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "application/json", "", 404, "the model 'a?b' does not exist" },
    };

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public async Task Malformed_requests_get_a_4xx_in_the_api_error_shape_and_store_nothing(string route, string body, string? contentType, string method, int status, string fragment)
    {
        using var scratch = TestData.Scratch();
        var log = new List<string>();
        await using var server = await Serve(scratch.File("state"), new TranslationServerOptions { LogErrorsOnly = true, Log = line => { lock (log) log.Add(line); } });
        string? fileId = null;
        if (body.Contains("FILE", StringComparison.Ordinal))
        {
            fileId = (await new FineTuningEndpoint(Fast with { BaseUrl = server.BaseUrl }).UploadAsync(TrainingFile(scratch))).Id;
            body = body.Replace("FILE", fileId, StringComparison.Ordinal);
        }
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(method == "GET" ? HttpMethod.Get : HttpMethod.Post, server.BaseUrl + route);
        if (method != "GET") request.Content = Raw(body, contentType);

        using var response = await http.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Contains(fragment, Message(error));
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
        // One log line tells the refusal, though only errors are logged.
        lock (log) Assert.Single(log, line => line.Contains($": {status} ", StringComparison.Ordinal));
        Assert.Empty(server.Jobs.List());
        Assert.Equal(fileId == null ? 0 : 2, Directory.GetFiles(scratch.File("state/files")).Length);
        Assert.Empty(Directory.GetFiles(scratch.File("state/tmp")));
    }

    [Fact]
    public async Task A_suffix_of_letters_digits_dashes_underscores_and_dots_is_taken()
    {
        using var scratch = TestData.Scratch();
        await using var server = await Serve(scratch.File("state"));
        var client = new FineTuningEndpoint(Fast with { BaseUrl = server.BaseUrl });
        var file = await client.UploadAsync(TrainingFile(scratch));
        string suffix = "m30k_v1.2-" + new string('a', 54);
        var job = await client.CreateJobAsync(new FineTuningJobRequest("tiny-base", file.Id) { Suffix = suffix, Epochs = 1 });
        Assert.Equal(suffix, job.Suffix);
        await client.CancelJobAsync(job.Id);
    }

    [Fact]
    public async Task A_damaged_file_record_in_the_state_is_found_at_start_and_one_damaged_later_does_not_break_the_list()
    {
        using var scratch = TestData.Scratch();
        string state = scratch.File("state");
        string id;
        await using (var server = await Serve(state))
            id = (await new FineTuningEndpoint(Fast with { BaseUrl = server.BaseUrl }).UploadAsync(TrainingFile(scratch))).Id;
        string record = Path.Combine(state, "files", id + ".json");
        string good = File.ReadAllText(record);

        foreach (string damaged in new[] { "{\"Id\":", "null", "{\"Id\":\"file-other\",\"Filename\":\"x\",\"Bytes\":1,\"Purpose\":\"fine-tune\",\"CreatedAt\":0}", "{}" })
        {
            File.WriteAllText(record, damaged);
            var refused = await Assert.ThrowsAsync<InputException>(() => Serve(state));
            Assert.Equal(record, refused.File);
            Assert.Contains("is not a readable uploaded file's metadata", refused.Message);
        }
        File.WriteAllText(record, good);

        await using (var server = await Serve(state))
        {
            File.WriteAllText(record, "{\"Id\":");
            using var http = new HttpClient();
            using var list = await http.GetAsync(server.BaseUrl + "/files");
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            Assert.Empty(JsonNode.Parse(await list.Content.ReadAsStringAsync())!["data"]!.AsArray());
        }
    }

    [Fact]
    public async Task A_damaged_job_record_is_found_at_start_naming_it()
    {
        using var scratch = TestData.Scratch();
        string state = scratch.File("state");
        string folder = Path.Combine(state, "jobs", "ftjob-" + new string('0', 24));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "job.json"), "{\"Id\":\"ftjob-" + new string('0', 24) + "\",\"Status\":\"dancing\"}");
        var refused = await Assert.ThrowsAsync<InputException>(() => Serve(state));
        Assert.Equal(Path.Combine(folder, "job.json"), refused.File);
    }

    [Fact]
    public async Task Request_log_covers_the_files_and_jobs_routes_and_errors_only_logs_the_refusals()
    {
        using var scratch = TestData.Scratch();
        foreach (bool errorsOnly in new[] { false, true })
        {
            var log = new List<string>();
            await using var server = await Serve(scratch.File($"state-{errorsOnly}"), new TranslationServerOptions { LogErrorsOnly = errorsOnly, Log = line => { lock (log) log.Add(line); } });
            using var http = new HttpClient();
            (await http.GetAsync(server.BaseUrl + "/files")).Dispose();
            (await http.GetAsync(server.BaseUrl + "/fine_tuning/jobs")).Dispose();
            (await http.PostAsync(server.BaseUrl + "/fine_tuning/jobs", Raw("{}", "application/json"))).Dispose();
            lock (log)
            {
                Assert.Equal(!errorsOnly, log.Contains("GET /v1/files: 200"));
                Assert.Equal(!errorsOnly, log.Contains("GET /v1/fine_tuning/jobs: 200"));
                Assert.Contains("POST /v1/fine_tuning/jobs: 400 'model' is required", log);
            }
        }
    }

    [Fact]
    public async Task A_restart_with_another_base_fails_the_jobs_made_for_the_old_one_naming_the_reason()
    {
        using var scratch = TestData.Scratch();
        string state = scratch.File("state");
        string identity = BaseCheckpointIdentity.Of(baseModel.Run);
        Assert.StartsWith("sha256:", identity);
        // Two jobs left queued by an earlier server: one for this base, one for another.
        var store = new FineTuningJobStore(state);
        FineTuningJobState Queued(string? baseIdentity) => store.Add(new FineTuningJobState(FineTuningJobStore.NewId(), "tiny-base", "file-0", null, null, 1, 1, 0)
            { Status = FineTuningJobStatus.Queued, BaseIdentity = baseIdentity, CreatedTicks = 1 });
        var other = Queued("sha256:" + new string('1', 64));
        var same = Queued(identity);

        await using var server = await Serve(state);

        var failed = server.Jobs.Get(other.Id)!;
        Assert.Equal(FineTuningJobStatus.Failed, failed.Status);
        Assert.Equal("base_model_changed", failed.Error!.Code);
        Assert.Contains("the server's base checkpoint is not the one this job was created on", failed.Error.Message);
        Assert.Contains("--base", failed.Error.Message);
        // (Its training file is made up, so the worker may fail it for that, but not for its base.)
        Assert.NotEqual("base_model_changed", server.Jobs.Get(same.Id)!.Error?.Code);
        // A new job records the base it was made for.
        var client = new FineTuningEndpoint(Fast with { BaseUrl = server.BaseUrl });
        var job = await client.CreateJobAsync(new FineTuningJobRequest("tiny-base", (await client.UploadAsync(TrainingFile(scratch))).Id) { Epochs = 1 });
        Assert.Equal(identity, server.Jobs.Get(job.Id)!.BaseIdentity);
        await client.CancelJobAsync(job.Id);
    }

    [Fact]
    public async Task Uploads_arrive_under_the_state_directory_and_stale_temporaries_are_removed_at_start()
    {
        using var scratch = TestData.Scratch();
        string state = scratch.File("state");
        Directory.CreateDirectory(Path.Combine(state, "tmp"));
        Directory.CreateDirectory(Path.Combine(state, "files"));
        File.WriteAllText(Path.Combine(state, "tmp", "upload-0123.part"), "left by a kill -9");
        File.WriteAllText(Path.Combine(state, "files", ".file-abc.json.123.0123.tmp"), "left by a kill -9");

        await using var server = await Serve(state);

        Assert.Empty(Directory.GetFiles(Path.Combine(state, "tmp")));
        Assert.Empty(Directory.GetFiles(Path.Combine(state, "files")));
        // A file far above ASP.NET Core's in-memory threshold (64 KB) arrives whole.
        string path = TrainingFile(scratch, 1000);
        Assert.True(new FileInfo(path).Length > 100_000);
        var file = await new FineTuningEndpoint(Fast with { BaseUrl = server.BaseUrl }).UploadAsync(path);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(Path.Combine(state, "files", file.Id + ".data")));
        Assert.Empty(Directory.GetFiles(Path.Combine(state, "tmp")));
    }

    [Fact]
    public async Task With_a_key_every_route_but_health_needs_it_and_the_scheme_is_case_insensitive()
    {
        using var scratch = TestData.Scratch();
        const string key = "sk-test-hardening";
        await using var server = await Serve(scratch.File("state"), new TranslationServerOptions { ApiKey = key });
        using var http = new HttpClient();
        async Task<HttpStatusCode> Get(string route, string? authorization)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, server.BaseUrl + route);
            if (authorization != null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
            using var response = await http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.Unauthorized) Assert.Contains("API key", Message(await ErrorOf(response)));
            return response.StatusCode;
        }

        foreach (string route in new[] { "/models", "/files", "/fine_tuning/jobs", "/files/file-0", "/nowhere" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await Get(route, null));
            Assert.Equal(HttpStatusCode.Unauthorized, await Get(route, "Bearer wrong"));
            Assert.Equal(HttpStatusCode.Unauthorized, await Get(route, "Basic " + key));
        }
        Assert.Equal(HttpStatusCode.OK, await Get("/models", "Bearer " + key));
        Assert.Equal(HttpStatusCode.OK, await Get("/models", "bearer " + key));
        Assert.Equal(HttpStatusCode.OK, await Get("/files", "BEARER " + key));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(server.BaseUrl, "/health"))).StatusCode);
    }

    [Fact]
    public async Task A_failed_start_leaves_no_state_directory_behind()
    {
        using var scratch = TestData.Scratch();
        string state = scratch.File("new/state");

        await Assert.ThrowsAsync<InputException>(() => FineTuningServer.StartAsync(new FineTuningServerOptions(scratch.File("no-such-base"), state), new TranslationServerOptions()));
        Assert.False(Directory.Exists(scratch.File("new")));

        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            await Assert.ThrowsAnyAsync<IOException>(() => Serve(state, new TranslationServerOptions { Port = ((IPEndPoint)taken.LocalEndpoint).Port }));
            Assert.False(Directory.Exists(scratch.File("new")));
            // An empty directory the user made is left as it was: empty.
            Directory.CreateDirectory(state);
            await Assert.ThrowsAnyAsync<IOException>(() => Serve(state, new TranslationServerOptions { Port = ((IPEndPoint)taken.LocalEndpoint).Port }));
            Assert.Empty(Directory.GetFileSystemEntries(state));
        }
        finally
        {
            taken.Stop();
        }
    }
}
