using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Regurgitate.FineTuning;

namespace Regurgitate.Serving;

/// <summary>
/// The HTTP surface of the files and fine-tuning API, in the real API's shapes: /v1/files (upload, list, retrieve,
/// content, delete) and /v1/fine_tuning/jobs (create, list, retrieve, events, cancel). Errors are the API's error
/// object {"error": {"message", "type", "param", "code"}}.
/// </summary>
internal sealed class FineTuningRoutes(TranslationServer server, UploadedFileStore files, FineTuningJobStore jobs, FineTuningJobQueue queue,
    FineTunedModelCatalog models, FineTuningServerOptions options, string baseIdentity)
{
    const string FineTunePurpose = "fine-tune";
    const int MaxEpochs = 50;
    /// <summary>Longest suffix: the API's limit.</summary>
    public const int MaxSuffixLength = 64;
    const int MaxPageSize = 100;

    /// <summary>Adds the routes to <paramref name="app"/>.</summary>
    public void Map(WebApplication app)
    {
        app.MapPost("/v1/files", Guarded(UploadAsync));
        app.MapGet("/v1/files", Guarded(context => Json(context, 200, ListFiles(context.Request.Query["purpose"].ToString()))));
        app.MapGet("/v1/files/{id}", Guarded(context => WithFile(context, file => Json(context, 200, file.ToApiJson()))));
        app.MapGet("/v1/files/{id}/content", Guarded(context => WithFile(context, file => context.Response.SendFileAsync(files.DataPath(file.Id)))));
        app.MapDelete("/v1/files/{id}", Guarded(context => WithFile(context, file =>
        {
            files.Delete(file.Id);
            return Json(context, 200, new JsonObject { ["id"] = file.Id, ["object"] = "file", ["deleted"] = true });
        })));
        app.MapPost("/v1/fine_tuning/jobs", Guarded(CreateJobAsync));
        app.MapGet("/v1/fine_tuning/jobs", Guarded(context => Json(context, 200,
            Page(jobs.List(), "job", j => j.Id, j => j.ToApiJson(), context.Request.Query))));
        app.MapGet("/v1/fine_tuning/jobs/{id}", Guarded(context => WithJob(context, job => Json(context, 200, job.ToApiJson()))));
        app.MapGet("/v1/fine_tuning/jobs/{id}/events", Guarded(context => WithJob(context, job => Json(context, 200,
            Page(job.Events.Reverse().ToList(), "event", e => e.Id, e => e.ToApiJson(), context.Request.Query)))));
        app.MapPost("/v1/fine_tuning/jobs/{id}/cancel", Guarded(context => WithJob(context, job => queue.Cancel(job.Id) is FineTuningJobState cancelled
            ? Json(context, 200, cancelled.ToApiJson())
            : Error(context, 400, $"the job {job.Id} has already {job.Status}; only validating, queued or running jobs can be cancelled", "id", "job_not_cancellable"))));
    }

    // The API key is checked for every route by the server (TranslationServer), before these run.
    RequestDelegate Guarded(Func<HttpContext, Task> handle) => async context =>
    {
        // The same faults as chat completions, so clients' retries of file and job calls are tested against real HTTP too.
        if (await server.InjectedFaultAsync(context).ConfigureAwait(false)) return;
        try
        {
            await handle(context).ConfigureAwait(false);
        }
        catch (Refused refused) when (!context.Response.HasStarted)
        {
            await Error(context, 400, refused.Message, refused.Param, null).ConfigureAwait(false);
        }
        catch (UploadForm.Refused refused) when (!context.Response.HasStarted)
        {
            await Error(context, 400, refused.Message, refused.Param, null).ConfigureAwait(false);
        }
    };

    /// <summary>A request refused with 400: the message says what to fix, <see cref="Param"/> names the parameter.</summary>
    sealed class Refused(string message, string? param) : Exception(message)
    {
        public string? Param { get; } = param;
    }

    async Task UploadAsync(HttpContext context)
    {
        var form = await UploadForm.ReadAsync(context.Request, files.TemporaryFolder).ConfigureAwait(false);
        try
        {
            if (form.Purpose != FineTunePurpose)
                throw new Refused($"'{Printable(form.Purpose)}' is not a purpose this server takes; it takes '{FineTunePurpose}'", "purpose");
            var file = files.Add(form);
            await Json(context, 200, file.ToApiJson()).ConfigureAwait(false);
        }
        finally
        {
            // Add moved it into the store; anything else leaves it to delete.
            if (File.Exists(form.TemporaryPath)) File.Delete(form.TemporaryPath);
        }
    }

    static string Printable(string text) => ApiError.Printable(text);

    JsonObject ListFiles(string purpose)
    {
        var listed = files.List().Where(f => purpose.Length == 0 || f.Purpose == purpose).Reverse().ToList();
        return new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(listed.Select(f => (JsonNode)f.ToApiJson()).ToArray()),
            ["first_id"] = listed.FirstOrDefault()?.Id,
            ["last_id"] = listed.LastOrDefault()?.Id,
            ["has_more"] = false,
        };
    }

    async Task CreateJobAsync(HttpContext context)
    {
        var (body, status, problem) = await RequestJson.ReadObjectAsync(context.Request).ConfigureAwait(false);
        if (body is not JsonObject request)
        {
            await Error(context, status, problem!, null, null).ConfigureAwait(false);
            return;
        }
        if (Check(request) is var (message, param, code))
        {
            await Error(context, 400, message, param, code).ConfigureAwait(false);
            return;
        }
        var epochsNode = Epochs(request);
        int epochs = epochsNode?.GetValueKind() == JsonValueKind.Number ? epochsNode.GetValue<int>() : options.DefaultEpochs;
        // Like the API, a job without a seed gets one, and reports it, so the run can be repeated.
        long seed = request["seed"] is JsonNode s && s.GetValueKind() == JsonValueKind.Number ? s.GetValue<long>() : RandomNumberGenerator.GetInt32(int.MaxValue);
        var now = DateTimeOffset.UtcNow;
        var job = jobs.Add(new FineTuningJobState(FineTuningJobStore.NewId(), Text(request["model"])!, Text(request["training_file"])!,
            Text(request["validation_file"]), Text(request["suffix"]), seed, epochs, now.ToUnixTimeSeconds()) { CreatedTicks = now.UtcTicks, BaseIdentity = baseIdentity });
        job = jobs.AddEvent(job.Id, $"Created fine-tuning job: {job.Id}");
        options.Log?.Invoke($"fine-tuning: {job.Id}: created on {job.TrainingFile} ({epochs} epochs)");
        queue.Submit(job.Id);
        await Json(context, 200, job.ToApiJson()).ConfigureAwait(false);
    }

    /// <summary>The first problem of a create request: (message, param, code), or null.</summary>
    (string, string, string?)? Check(JsonObject request)
    {
        if (request["model"] is not JsonNode modelNode) return ("'model' is required", "model", null);
        if (Text(modelNode) is not string model) return ("'model' must be a string: the base model's name", "model", null);
        if (model != models.BaseName)
            return ($"the model '{Printable(model)}' is not available for fine-tuning; this server fine-tunes '{models.BaseName}'", "model", "model_not_available");
        foreach (var (field, required) in new[] { ("training_file", true), ("validation_file", false) })
        {
            var node = request[field];
            if (node == null || node.GetValueKind() == JsonValueKind.Null)
            {
                if (required) return ($"'{field}' is required", field, null);
                continue;
            }
            if (Text(node) is not string id || files.Get(id) is not UploadedFile file)
                return ($"invalid {field}: {node.ToJsonString()} is not an uploaded file", field, "invalid_file");
            if (file.Purpose != FineTunePurpose)
                return ($"invalid {field}: {id} was uploaded with purpose '{file.Purpose}', not '{FineTunePurpose}'", field, "invalid_file");
        }
        if (request["suffix"] is JsonNode suffixNode && suffixNode.GetValueKind() != JsonValueKind.Null)
        {
            if (SuffixProblem(suffixNode) is string suffixProblem) return (suffixProblem, "suffix", null);
        }
        if (request["seed"] is JsonNode seed && seed.GetValueKind() != JsonValueKind.Null
            && (seed.GetValueKind() != JsonValueKind.Number || !int.TryParse(seed.ToJsonString(), out int s) || s < 0))
            return ("'seed' must be a whole number from 0 to 2147483647", "seed", null);
        foreach (var (path, node) in new[] { ("method", request["method"]), ("method.supervised", Child(request["method"], "supervised")),
                     ("method.supervised.hyperparameters", Child(request["method"], "supervised", "hyperparameters")), ("hyperparameters", request["hyperparameters"]) })
            if (node != null && node.GetValueKind() is not (JsonValueKind.Object or JsonValueKind.Null))
                return ($"'{path}' must be an object", path, null);
        var method = request["method"] as JsonObject;
        if (method?["type"] is JsonNode typeNode && typeNode.GetValueKind() != JsonValueKind.Null && Text(typeNode) != "supervised")
            return ($"the method {typeNode.ToJsonString()} is not supported; this server does supervised fine-tuning", "method", null);
        var epochs = Epochs(request);
        if (epochs != null && epochs.GetValueKind() != JsonValueKind.Null && !(Text(epochs) == "auto")
            && (epochs.GetValueKind() != JsonValueKind.Number || !int.TryParse(epochs.ToJsonString(), out int n) || n is < 1 or > MaxEpochs))
            return ($"'n_epochs' must be \"auto\" or a whole number from 1 to {MaxEpochs}", "hyperparameters.n_epochs", null);
        return null;
    }

    /// <summary>n_epochs, from method.supervised.hyperparameters or the deprecated top-level hyperparameters.</summary>
    static JsonNode? Epochs(JsonObject request) =>
        Child(request["method"], "supervised", "hyperparameters", "n_epochs") ?? Child(request["hyperparameters"], "n_epochs");

    /// <summary>The node at <paramref name="path"/> below <paramref name="node"/>, or null where a step is missing or not an object.</summary>
    static JsonNode? Child(JsonNode? node, params string[] path)
    {
        foreach (string key in path) node = (node as JsonObject)?[key];
        return node;
    }

    /// <summary>
    /// What is wrong with a suffix, or null. It becomes a field of the model name ("ft:BASE:SUFFIX:JOB", fields split
    /// by ':') and of log lines, so it keeps to letters, digits, '-', '_' and '.', with no "..", at most 64 of them.
    /// </summary>
    internal static string? SuffixProblem(JsonNode node)
    {
        if (Text(node) is not string suffix) return "'suffix' must be a string";
        if (suffix.Length is 0 or > MaxSuffixLength)
            return string.Create(CultureInfo.InvariantCulture, $"'suffix' must have 1 to {MaxSuffixLength} characters, not {suffix.Length}");
        if (!suffix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') || suffix.Contains("..", StringComparison.Ordinal))
            return "'suffix' may hold only letters, digits, '-', '_' and '.' (no \"..\")";
        return null;
    }

    /// <summary>
    /// One page of <paramref name="items"/> (already in the API's order): those after the id in ?after=, at most
    /// ?limit= (default 20, 1 to 100). A limit that is not such a number, or an `after` naming no
    /// <paramref name="kind"/> of the list, is refused rather than ignored.
    /// </summary>
    static JsonObject Page<T>(IReadOnlyList<T> items, string kind, Func<T, string> id, Func<T, JsonObject> json, IQueryCollection query)
    {
        int limit = 20;
        if (query.TryGetValue("limit", out var limitValues))
        {
            string text = limitValues.ToString();
            if (limitValues.Count != 1 || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxPageSize)
                throw new Refused(string.Create(CultureInfo.InvariantCulture, $"'limit' must be a whole number from 1 to {MaxPageSize}, not '{Printable(text)}'"), "limit");
        }
        int start = 0;
        if (query.TryGetValue("after", out var afterValues))
        {
            string after = afterValues.ToString();
            int at = afterValues.Count == 1 ? items.Select(id).ToList().IndexOf(after) : -1;
            if (at < 0) throw new Refused($"'after' must be the id of a {kind} in this list; '{Printable(after)}' is not one", "after");
            start = at + 1;
        }
        var page = items.Skip(start).Take(limit).ToList();
        return new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(page.Select(item => (JsonNode)json(item)).ToArray()),
            ["has_more"] = start + page.Count < items.Count,
        };
    }

    Task WithFile(HttpContext context, Func<UploadedFile, Task> then)
    {
        string id = context.Request.RouteValues["id"]?.ToString() ?? "";
        return files.Get(id) is UploadedFile file ? then(file) : Error(context, 404, $"No such File object: {Printable(id)}", "id", null);
    }

    Task WithJob(HttpContext context, Func<FineTuningJobState, Task> then)
    {
        string id = context.Request.RouteValues["id"]?.ToString() ?? "";
        return jobs.Get(id) is FineTuningJobState job ? then(job) : Error(context, 404, $"Could not find fine-tuning job {Printable(id)}", "id", "fine_tuning_job_not_found");
    }

    static string? Text(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;

    static Task Error(HttpContext context, int status, string message, string? param, string? code) =>
        ApiError.WriteAsync(context, status, message, param, code);

    static async Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString()).ConfigureAwait(false);
    }
}
