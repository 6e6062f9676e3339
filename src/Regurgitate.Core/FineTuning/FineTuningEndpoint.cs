using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenAI;
using OpenAI.Files;
using OpenAI.FineTuning;
using Regurgitate.Generators;

// The SDK marks its fine-tuning types experimental (OPENAI001); we use their protocol methods, whose wire format
// is the stable public API, and read the replies ourselves into our own records.
#pragma warning disable OPENAI001

namespace Regurgitate.FineTuning;

/// <summary>
/// A provider's Files and fine-tuning API through the official OpenAI .NET SDK (<see cref="OpenAIFileClient"/>,
/// <see cref="FineTuningClient"/>), behind a small typed surface: upload, create, retrieve, list events, cancel, and
/// wait. Every call retries 429, 5xx, timeouts and broken connections with <see cref="RetryBackoff"/> (Retry-After
/// honoured; the SDK's own retries are off so one policy is in charge). Creating a job is not idempotent: after an
/// ambiguous failure it looks for the job it may have created before sending again, so one call makes at most one job.
/// The API key is read from the environment and never leaves the SDK's authentication header.
/// </summary>
public sealed class FineTuningEndpoint
{
    readonly FineTuningEndpointSettings settings;
    readonly OpenAIFileClient files;
    readonly FineTuningClient fineTuning;
    readonly Action<string>? log;
    readonly Random jitter = new();

    /// <param name="settings">Where and how to call.</param>
    /// <param name="log">Told one line per retry and per status change while waiting.</param>
    public FineTuningEndpoint(FineTuningEndpointSettings settings, Action<string>? log = null)
    {
        if (settings.MaxRetries < 0) throw new InputException($"max_retries must be 0 or more, not {settings.MaxRetries}");
        this.settings = settings;
        this.log = log;
        // Local servers ignore the key, but the SDK wants a non-empty one.
        string key = settings.ApiKeyEnvironmentVariable == null ? "no-key" : ApiKeyVariable.Read(settings.ApiKeyEnvironmentVariable, "api_key_env");
        var client = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = settings.BaseUrl,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = settings.Timeout,
        });
        files = client.GetOpenAIFileClient();
        fineTuning = client.GetFineTuningClient();
    }

    /// <summary>The API base this endpoint calls.</summary>
    public Uri BaseUrl => settings.BaseUrl;

    /// <summary>Uploads <paramref name="path"/> with purpose fine-tune.</summary>
    public Task<FineTuningFileRecord> UploadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path)) throw new InputException("file to upload not found", path);
        return Retrying($"upload {Path.GetFileName(path)}", async token =>
        {
            // Reopened on every attempt: a failed attempt may have read part of the stream.
            await using var stream = File.OpenRead(path);
            OpenAIFile file = await files.UploadFileAsync(stream, Path.GetFileName(path), FileUploadPurpose.FineTune, token).ConfigureAwait(false);
            return Record(file);
        }, cancellationToken);
    }

    /// <summary>The file <paramref name="fileId"/>.</summary>
    public Task<FineTuningFileRecord> GetFileAsync(string fileId, CancellationToken cancellationToken = default) =>
        Retrying($"get file {fileId}", async token => Record(await files.GetFileAsync(fileId, token).ConfigureAwait(false)), cancellationToken);

    /// <summary>Deletes the file <paramref name="fileId"/>; true when the provider says it is gone.</summary>
    public Task<bool> DeleteFileAsync(string fileId, CancellationToken cancellationToken = default) =>
        Retrying($"delete file {fileId}", async token => (await files.DeleteFileAsync(fileId, token).ConfigureAwait(false)).Value.Deleted, cancellationToken);

    /// <summary>Creates a fine-tuning job; at most one, even when a reply is lost (see the class summary).</summary>
    public async Task<FineTuningJobRecord> CreateJobAsync(FineTuningJobRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Suffix is { Length: > 64 }) throw new InputException($"the suffix has {request.Suffix.Length} characters; the API allows 64");
        if (request.Suffix is string suffix && suffix.Any(char.IsControl)) throw new InputException("the suffix holds a control character (a line break, tab or NUL)");
        if (request.Epochs is < 1) throw new InputException($"epochs must be at least 1, not {request.Epochs}");
        string body = CreateBody(request).ToJsonString();
        var started = DateTimeOffset.UtcNow;
        bool mayExist = false;
        return await Retrying("create fine-tuning job", async token =>
        {
            if (mayExist && await FindCreatedAsync(request, started, token).ConfigureAwait(false) is FineTuningJobRecord adopted)
            {
                log?.Invoke($"fine-tuning: the lost reply had created {adopted.Id}; using it");
                return adopted;
            }
            try
            {
                var job = await fineTuning.FineTuneAsync(BinaryContent.Create(BinaryData.FromString(body)), waitUntilCompleted: false, Options(token)).ConfigureAwait(false);
                return Job(job.GetRawResponse());
            }
            catch (Exception e) when (!(e is ClientResultException { Status: 429 }) && e is ClientResultException or HttpRequestException or OperationCanceledException)
            {
                // Anything but a 429 (refused before any work) may have created the job before the reply was lost.
                mayExist = true;
                throw;
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    static JsonObject CreateBody(FineTuningJobRequest request)
    {
        var body = new JsonObject { ["model"] = request.Model, ["training_file"] = request.TrainingFile };
        if (request.ValidationFile != null) body["validation_file"] = request.ValidationFile;
        if (request.Suffix != null) body["suffix"] = request.Suffix;
        if (request.Seed is long seed) body["seed"] = seed;
        if (request.Epochs is int epochs)
            // Today's form; the top-level "hyperparameters" is deprecated.
            body["method"] = new JsonObject
            {
                ["type"] = "supervised",
                ["supervised"] = new JsonObject { ["hyperparameters"] = new JsonObject { ["n_epochs"] = epochs } },
            };
        return body;
    }

    async Task<FineTuningJobRecord?> FindCreatedAsync(FineTuningJobRequest request, DateTimeOffset started, CancellationToken token)
    {
        // A job made by the lost request is among the newest, names the same files, model and suffix, and is not older than the request.
        foreach (var job in await ListJobsAsync(20, token).ConfigureAwait(false))
            if (job.TrainingFile == request.TrainingFile && job.Model == request.Model && job.ValidationFile == request.ValidationFile
                && job.Suffix == request.Suffix && (request.Seed == null || job.Seed == request.Seed)
                && job.CreatedAt >= started - TimeSpan.FromMinutes(1))
                return job;
        return null;
    }

    /// <summary>The newest jobs (one page of at most <paramref name="limit"/>), newest first.</summary>
    public Task<IReadOnlyList<FineTuningJobRecord>> ListJobsAsync(int limit = 20, CancellationToken cancellationToken = default) =>
        Retrying("list fine-tuning jobs", async token =>
        {
            var pages = fineTuning.GetJobsAsync(new FineTuningJobCollectionOptions { PageSize = limit }, token).GetRawPagesAsync();
            await foreach (var page in pages.ConfigureAwait(false))
                return (IReadOnlyList<FineTuningJobRecord>)Data(page.GetRawResponse()).Select(FineTuningJobRecord.FromJson).ToList();
            return [];
        }, cancellationToken);

    /// <summary>The job <paramref name="jobId"/> as it stands now.</summary>
    public Task<FineTuningJobRecord> GetJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        Retrying($"get fine-tuning job {jobId}", async token => Job((await fineTuning.GetJobAsync(jobId, token).ConfigureAwait(false)).GetRawResponse()), cancellationToken);

    /// <summary>Asks the provider to cancel <paramref name="jobId"/>; returns the job as it then stands.</summary>
    public Task<FineTuningJobRecord> CancelJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        Retrying($"cancel fine-tuning job {jobId}", async token =>
        {
            var job = await fineTuning.GetJobAsync(jobId, token).ConfigureAwait(false);
            var result = await job.CancelAsync(Options(token)).ConfigureAwait(false);
            return Job(result.GetRawResponse());
        }, cancellationToken);

    /// <summary>Every event of <paramref name="jobId"/>, oldest first.</summary>
    public Task<IReadOnlyList<FineTuningEventRecord>> GetEventsAsync(string jobId, CancellationToken cancellationToken = default) =>
        Retrying($"list events of {jobId}", async token =>
        {
            var job = await fineTuning.GetJobAsync(jobId, token).ConfigureAwait(false);
            var events = new List<FineTuningEventRecord>();
            await foreach (var page in job.GetEventsAsync(after: null, limit: 100, Options(token)).GetRawPagesAsync().ConfigureAwait(false))
                events.AddRange(Data(page.GetRawResponse()).Select(Event));
            // The API lists the newest first.
            events.Reverse();
            return (IReadOnlyList<FineTuningEventRecord>)events;
        }, cancellationToken);

    /// <summary>
    /// Polls <paramref name="jobId"/> until it succeeds, fails or is cancelled, waiting <see cref="FineTuningEndpointSettings.PollInterval"/>
    /// at first and half as long again after each poll up to <see cref="FineTuningEndpointSettings.MaxPollInterval"/>;
    /// <paramref name="onUpdate"/> sees each status change. Returns the final job (its <see cref="FineTuningJobRecord.Error"/> says why a failed one failed).
    /// </summary>
    public async Task<FineTuningJobRecord> WaitAsync(string jobId, Action<FineTuningJobRecord>? onUpdate = null, CancellationToken cancellationToken = default)
    {
        var wait = settings.PollInterval;
        string? status = null;
        while (true)
        {
            var job = await GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
            if (job.Status != status)
            {
                status = job.Status;
                log?.Invoke($"fine-tuning: {job.Id}: {job.Status}");
                onUpdate?.Invoke(job);
            }
            if (job.IsTerminal) return job;
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            wait = TimeSpan.FromTicks(Math.Min(settings.MaxPollInterval.Ticks, (long)(wait.Ticks * 1.5)));
        }
    }

    async Task<T> Retrying<T>(string what, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            string reason;
            TimeSpan? retryAfter = null;
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                reason = $"timeout after {settings.Timeout.TotalSeconds:0.###} s";
            }
            catch (ClientResultException e) when (e.Status is 0 or 408 or 409 or 429 or >= 500)
            {
                // The server's own words go with the status, so giving up says what the server said.
                reason = e.Status == 0 ? $"connection failed: {EndpointErrorMessage.FirstLine(e.Message)}" : $"HTTP {e.Status}: {EndpointErrorMessage.Of(e)}";
                retryAfter = RetryAfterHint.Of(e);
            }
            catch (ClientResultException e) when (e.Status is 401 or 403)
            {
                throw new InputException($"{what}: the endpoint {settings.BaseUrl} refused the request (HTTP {e.Status})",
                    hint: settings.ApiKeyEnvironmentVariable == null
                        ? "it wants an API key: name the environment variable that holds it (--api-key-env / api_key_env)"
                        : $"check the API key in the environment variable {settings.ApiKeyEnvironmentVariable}");
            }
            catch (ClientResultException e)
            {
                // Other 4xx (unknown file or job, a bad setting, 413 for a body over the server's limit) are about the request: retrying cannot help.
                throw new InputException($"{what}: HTTP {e.Status} from {settings.BaseUrl}: {EndpointErrorMessage.Of(e)}");
            }
            catch (HttpRequestException e)
            {
                reason = $"connection failed: {EndpointErrorMessage.FirstLine(e.Message)}";
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                reason = $"malformed reply: {EndpointErrorMessage.FirstLine(e.Message)}";
            }
            if (attempt > settings.MaxRetries)
                throw new InputException($"{what}: {reason} (gave up after {attempt} attempts)", hint: $"check that {settings.BaseUrl} is up");
            var delay = settings.Backoff.Delay(attempt, retryAfter, jitter);
            log?.Invoke($"fine-tuning: {what}: {reason}; retry {attempt} in {delay.TotalSeconds:0.##} s");
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    static RequestOptions Options(CancellationToken token) => new() { CancellationToken = token };

    static FineTuningFileRecord Record(OpenAIFile file) =>
        new(file.Id, file.Filename, file.SizeInBytesLong ?? 0, file.Purpose.ToString());

    static FineTuningJobRecord Job(PipelineResponse response) =>
        FineTuningJobRecord.FromJson(JsonNode.Parse(response.Content.ToString()) as JsonObject ?? throw new FormatException("the reply is not a JSON object"));

    static IEnumerable<JsonObject> Data(PipelineResponse response) =>
        (JsonNode.Parse(response.Content.ToString())?["data"] as JsonArray ?? throw new FormatException("the reply has no 'data' list")).OfType<JsonObject>();

    static FineTuningEventRecord Event(JsonObject e) => new(
        e["id"]?.GetValue<string>() ?? throw new FormatException("an event has no 'id'"),
        DateTimeOffset.FromUnixTimeSeconds(e["created_at"]?.GetValue<long>() ?? 0),
        e["level"]?.GetValue<string>() ?? "info",
        e["message"]?.GetValue<string>() ?? "");
}
