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
    FineTunedModelCatalog models, FineTuningServerOptions options)
{
    const string FineTunePurpose = "fine-tune";
    const int MaxEpochs = 50;

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
            Page(jobs.List(), j => j.Id, j => j.ToApiJson(), context.Request.Query))));
        app.MapGet("/v1/fine_tuning/jobs/{id}", Guarded(context => WithJob(context, job => Json(context, 200, job.ToApiJson()))));
        app.MapGet("/v1/fine_tuning/jobs/{id}/events", Guarded(context => WithJob(context, job => Json(context, 200,
            Page(job.Events.Reverse().ToList(), e => e.Id, e => e.ToApiJson(), context.Request.Query)))));
        app.MapPost("/v1/fine_tuning/jobs/{id}/cancel", Guarded(context => WithJob(context, job => queue.Cancel(job.Id) is FineTuningJobState cancelled
            ? Json(context, 200, cancelled.ToApiJson())
            : Error(context, 400, $"the job {job.Id} has already {job.Status}; only validating, queued or running jobs can be cancelled", "id", "job_not_cancellable"))));
    }

    RequestDelegate Guarded(Func<HttpContext, Task> handle) => async context =>
    {
        if (!server.Authorized(context.Request))
        {
            await Error(context, 401, "missing or wrong API key (send Authorization: Bearer KEY)", null, "invalid_api_key").ConfigureAwait(false);
            return;
        }
        // The same faults as chat completions, so clients' retries of file and job calls are tested against real HTTP too.
        if (await server.InjectedFaultAsync(context).ConfigureAwait(false)) return;
        try
        {
            await handle(context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted)
        {
            await Error(context, 500, $"{e.GetType().Name}: {e.Message.Split('\n')[0]}", null, "server_error").ConfigureAwait(false);
        }
    };

    async Task UploadAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await Error(context, 400, "upload a file as multipart/form-data with the fields 'file' and 'purpose'", null, null).ConfigureAwait(false);
            return;
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        string purpose = form["purpose"].ToString();
        if (purpose != FineTunePurpose)
        {
            await Error(context, 400, $"'{purpose}' is not a purpose this server takes; it takes '{FineTunePurpose}'", "purpose", null).ConfigureAwait(false);
            return;
        }
        if (form.Files.GetFile("file") is not IFormFile upload || upload.Length == 0)
        {
            await Error(context, 400, "the upload has no 'file' field, or it is empty", "file", null).ConfigureAwait(false);
            return;
        }
        await using var content = upload.OpenReadStream();
        var file = await files.AddAsync(Path.GetFileName(upload.FileName), purpose, content, context.RequestAborted).ConfigureAwait(false);
        await Json(context, 200, file.ToApiJson()).ConfigureAwait(false);
    }

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
        JsonObject request;
        try
        {
            request = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject
                ?? throw new JsonException("the body is not a JSON object");
        }
        catch (JsonException e)
        {
            await Error(context, 400, $"the body is not valid JSON: {e.Message.Split('\n')[0]}", null, null).ConfigureAwait(false);
            return;
        }
        if (Check(request) is var (message, param, code))
        {
            await Error(context, 400, message, param, code).ConfigureAwait(false);
            return;
        }
        var epochsNode = request["method"]?["supervised"]?["hyperparameters"]?["n_epochs"] ?? request["hyperparameters"]?["n_epochs"];
        int epochs = epochsNode?.GetValueKind() == JsonValueKind.Number ? epochsNode.GetValue<int>() : options.DefaultEpochs;
        // Like the API, a job without a seed gets one, and reports it, so the run can be repeated.
        long seed = request["seed"] is JsonNode s && s.GetValueKind() == JsonValueKind.Number ? s.GetValue<long>() : RandomNumberGenerator.GetInt32(int.MaxValue);
        var now = DateTimeOffset.UtcNow;
        var job = jobs.Add(new FineTuningJobState(FineTuningJobStore.NewId(), Text(request["model"])!, Text(request["training_file"])!,
            Text(request["validation_file"]), Text(request["suffix"]), seed, epochs, now.ToUnixTimeSeconds()) { CreatedTicks = now.UtcTicks });
        job = jobs.AddEvent(job.Id, $"Created fine-tuning job: {job.Id}");
        options.Log?.Invoke($"fine-tuning: {job.Id}: created on {job.TrainingFile} ({epochs} epochs)");
        queue.Submit(job.Id);
        await Json(context, 200, job.ToApiJson()).ConfigureAwait(false);
    }

    /// <summary>The first problem of a create request: (message, param, code), or null.</summary>
    (string, string, string?)? Check(JsonObject request)
    {
        if (Text(request["model"]) is not string model) return ("'model' is required", "model", null);
        if (model != models.BaseName)
            return ($"the model '{model}' is not available for fine-tuning; this server fine-tunes '{models.BaseName}'", "model", "model_not_available");
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
            // The suffix becomes part of a model name whose fields ':' separates.
            if (Text(suffixNode) is not string suffix || suffix.Length is 0 or > 64 || suffix.Contains(':'))
                return ("'suffix' must be a string of 1 to 64 characters without ':'", "suffix", null);
        }
        if (request["seed"] is JsonNode seed && seed.GetValueKind() != JsonValueKind.Null
            && (seed.GetValueKind() != JsonValueKind.Number || !int.TryParse(seed.ToJsonString(), out int s) || s < 0))
            return ("'seed' must be a whole number from 0 to 2147483647", "seed", null);
        var method = request["method"];
        if (method != null && method.GetValueKind() != JsonValueKind.Null && Text(method["type"]) is string type && type != "supervised")
            return ($"the method '{type}' is not supported; this server does supervised fine-tuning", "method", null);
        var epochs = method?["supervised"]?["hyperparameters"]?["n_epochs"] ?? request["hyperparameters"]?["n_epochs"];
        if (epochs != null && epochs.GetValueKind() != JsonValueKind.Null && !(Text(epochs) == "auto")
            && (epochs.GetValueKind() != JsonValueKind.Number || !int.TryParse(epochs.ToJsonString(), out int n) || n is < 1 or > MaxEpochs))
            return ($"'n_epochs' must be \"auto\" or a whole number from 1 to {MaxEpochs}", "hyperparameters.n_epochs", null);
        return null;
    }

    /// <summary>One page of <paramref name="items"/> (already in the API's order): those after the id in ?after=, at most ?limit= (default 20, at most 100).</summary>
    static JsonObject Page<T>(IReadOnlyList<T> items, Func<T, string> id, Func<T, JsonObject> json, IQueryCollection query)
    {
        int limit = int.TryParse(query["limit"].ToString(), out int l) ? Math.Clamp(l, 1, 100) : 20;
        string after = query["after"].ToString();
        int start = 0;
        if (after.Length > 0)
        {
            int at = items.Select(id).ToList().IndexOf(after);
            start = at < 0 ? items.Count : at + 1;
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
        return files.Get(id) is UploadedFile file ? then(file) : Error(context, 404, $"No such File object: {id}", "id", null);
    }

    Task WithJob(HttpContext context, Func<FineTuningJobState, Task> then)
    {
        string id = context.Request.RouteValues["id"]?.ToString() ?? "";
        return jobs.Get(id) is FineTuningJobState job ? then(job) : Error(context, 404, $"Could not find fine-tuning job {id}", "id", "fine_tuning_job_not_found");
    }

    static string? Text(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;

    static Task Error(HttpContext context, int status, string message, string? param, string? code) =>
        Json(context, status, new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = status >= 500 ? "server_error" : "invalid_request_error", ["param"] = param, ["code"] = code },
        });

    static async Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString()).ConfigureAwait(false);
    }
}
