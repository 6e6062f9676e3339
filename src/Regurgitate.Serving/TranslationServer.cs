using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Regurgitate.Generators;

namespace Regurgitate.Serving;

/// <summary>
/// An OpenAI-compatible HTTP server on 127.0.0.1 over an <see cref="ITranslationBackend"/> (or a catalog of them,
/// routed by the request's `model`): non-streaming POST /v1/chat/completions and GET /v1/models, with optional
/// fault injection so clients' retry logic can be exercised against real HTTP.
/// </summary>
public sealed class TranslationServer : IAsyncDisposable
{
    static readonly PromptTemplate DefaultPrompt = new(PromptTemplate.Default);
    readonly WebApplication app;
    readonly IModelCatalog models;
    readonly TranslationServerOptions options;
    long requests, faults, translated, apiFaults;

    TranslationServer(WebApplication app, IModelCatalog models, string modelName, TranslationServerOptions options)
    {
        this.app = app;
        this.models = models;
        this.options = options;
        ModelName = modelName;
    }

    /// <summary>The API base clients use, e.g. http://127.0.0.1:41234/v1.</summary>
    public Uri BaseUrl { get; private set; } = null!;
    /// <summary>The model id served (with a catalog: its first model).</summary>
    public string ModelName { get; }
    /// <summary>Chat completion requests received, faulted ones included.</summary>
    public long Requests => Interlocked.Read(ref requests);
    /// <summary>Requests answered with an injected fault (fine-tuning API requests included).</summary>
    public long FaultsInjected => Interlocked.Read(ref faults);
    /// <summary>Requests answered with a translation.</summary>
    public long Translated => Interlocked.Read(ref translated);

    /// <summary>Starts listening; the backend stays owned by the caller.</summary>
    public static Task<TranslationServer> StartAsync(ITranslationBackend backend, TranslationServerOptions options, CancellationToken cancellationToken = default)
    {
        string name = options.ModelName ?? backend.Name;
        return StartAsync(new SingleModelCatalog(name, backend), options, null, cancellationToken);
    }

    /// <summary>
    /// Starts listening for the models of <paramref name="catalog"/>; <paramref name="mapRoutes"/> adds further
    /// endpoints (the fine-tuning API) before the server starts.
    /// </summary>
    internal static async Task<TranslationServer> StartAsync(IModelCatalog catalog, TranslationServerOptions options,
        Action<WebApplication, TranslationServer>? mapRoutes, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "regurg-serve", ContentRootPath = AppContext.BaseDirectory });
        // Request logging would be the one place headers (and so API keys) could leak; we log our own one-liners instead.
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        });
        var app = builder.Build();
        var server = new TranslationServer(app, catalog, catalog.List()[0].Id, options);
        app.Use(server.GuardAsync);
        app.MapPost("/v1/chat/completions", server.ChatCompletionsAsync);
        app.MapGet("/v1/models", server.Models);
        mapRoutes?.Invoke(app, server);
        app.MapGet("/health", () => Results.Text("ok\n"));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> fires.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    IResult Models() => Results.Text(new JsonObject
    {
        ["object"] = "list",
        ["data"] = new JsonArray(models.List()
            .Select(m => (JsonNode)new JsonObject { ["id"] = m.Id, ["object"] = "model", ["created"] = m.Created, ["owned_by"] = m.OwnedBy }).ToArray()),
    }.ToJsonString(), "application/json");

    /// <summary>
    /// Runs before every route: refuses a body announced as too large (413), checks the API key (chat completions
    /// check it themselves, to count the request), answers a body Kestrel refuses as it is read (too large,
    /// truncated, too slow) with its 4xx in the API's error shape rather than a 500, and logs one line for each
    /// request of the other routes.
    /// </summary>
    async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        string path = ApiError.Printable(context.Request.Path.Value ?? "");
        bool chat = path == "/v1/chat/completions";
        bool logged = chat;
        if (context.Request.ContentLength > options.MaxRequestBodyBytes)
        {
            await RefuseTooLargeAsync(context, context.Request.ContentLength.Value).ConfigureAwait(false);
            Log($"{context.Request.Method} {path}: 413 {ApiError.MessageOf(context)}", error: true);
            return;
        }
        try
        {
            // The health check tells nothing but "ok", so a supervisor can poll it without the key.
            if (!chat && path != "/health" && !Authorized(context.Request))
                await ApiError.WriteAsync(context, 401, "missing or wrong API key (send Authorization: Bearer KEY)", code: "invalid_api_key").ConfigureAwait(false);
            else
                await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            logged = false;
            await ApiError.WriteAsync(context, e.StatusCode, Refusal(e), code: e.StatusCode == 413 ? "request_too_large" : null).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted)
        {
            // A bug or a backend crash: say what went wrong in the API's error shape, rather than an empty 500.
            logged = false;
            await ApiError.WriteAsync(context, 500, $"internal error: {e.Message.Split('\n')[0]}", code: "server_error").ConfigureAwait(false);
        }
        if (!logged && context.Response.StatusCode != 0)
            Log($"{context.Request.Method} {path}: {context.Response.StatusCode}{(ApiError.MessageOf(context) is string message ? " " + message : "")}",
                context.Response.StatusCode >= 400 && !(context.Items.ContainsKey(InjectedKey)));
    }

    const string InjectedKey = "regurg.injected";
    const long DrainCap = 1L << 30;

    /// <summary>
    /// Answers a body announced as larger than the limit with 413 and then reads it to nowhere: a client still
    /// sending when the answer comes (HttpClient, the OpenAI SDKs) would otherwise see the connection reset,
    /// blame the network and send it all again. Bodies past a cap are not drained; the connection closes.
    /// </summary>
    async Task RefuseTooLargeAsync(HttpContext context, long length)
    {
        context.Response.Headers.Connection = "close";
        await ApiError.WriteAsync(context, 413, TooLarge(), code: "request_too_large").ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        if (length > Math.Max(DrainCap, options.MaxRequestBodyBytes * 4)
            || context.Features.Get<IHttpMaxRequestBodySizeFeature>() is not { IsReadOnly: false } size) return;
        size.MaxRequestBodySize = length;
        try
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The client gave up first: nothing more to tell it.
        }
    }

    string TooLarge() => string.Create(CultureInfo.InvariantCulture,
        $"the request body is larger than this server's limit of {options.MaxRequestBodyBytes / (1024.0 * 1024):0.##} MB (serve --max-body-mb)");

    /// <summary>What a body Kestrel refused was wrong with, in the client's terms.</summary>
    string Refusal(BadHttpRequestException e) => e.StatusCode switch
    {
        413 => TooLarge(),
        408 => "the request body arrived too slowly",
        _ => $"malformed request: {e.Message.TrimEnd('.')}",
    };

    Task ChatCompletionsAsync(HttpContext context) => AnswerAsync(context);

    async Task AnswerAsync(HttpContext context)
    {
        long number = Interlocked.Increment(ref requests);
        var response = context.Response;
        if (!Authorized(context.Request))
        {
            await Error(response, 401, "invalid_api_key", "missing or wrong API key (send Authorization: Bearer KEY)", number).ConfigureAwait(false);
            return;
        }

        var fault = options.Faults.Next();
        if (fault is not Fault.None and not Fault.Empty)
        {
            Interlocked.Increment(ref faults);
            await InjectAsync(context, fault, number).ConfigureAwait(false);
            return;
        }

        var (body, bodyStatus, bodyProblem) = await RequestJson.ReadObjectAsync(context.Request).ConfigureAwait(false);
        if (body is not JsonObject request)
        {
            await Error(response, bodyStatus, "invalid_request_error", bodyProblem!, number).ConfigureAwait(false);
            return;
        }
        if (Invalid(request) is (string problem, int status, string code))
        {
            await Error(response, status, code, problem, number).ConfigureAwait(false);
            return;
        }
        string model = request["model"]!.GetValue<string>();
        if (await models.OpenAsync(model, context.RequestAborted).ConfigureAwait(false) is not ITranslationBackend backend)
        {
            string served = string.Join(", ", models.List().Select(m => $"'{m.Id}'"));
            await Error(response, 404, "model_not_found", $"the model '{ApiError.Printable(model)}' does not exist; this server serves {served}", number).ConfigureAwait(false);
            return;
        }
        string message = LastUserMessage(request)!;
        // Without a configured template, a message in our default prompt still yields its source; anything else is taken whole.
        string? source = options.Prompt != null ? options.Prompt.ExtractSource(message) : DefaultPrompt.ExtractSource(message) ?? message.Trim();
        if (source == null)
        {
            await Error(response, 400, "invalid_request_error", "the user message does not match the server's prompt template (serve --prompt)", number).ConfigureAwait(false);
            return;
        }

        var translation = (await backend.TranslateAsync([source], context.RequestAborted).ConfigureAwait(false))[0];
        if (translation.Text == null)
        {
            await Error(response, 422, "translation_failed", translation.Failure ?? "the backend produced no translation", number).ConfigureAwait(false);
            return;
        }

        string text = fault == Fault.Empty ? "" : translation.Text;
        string finish = "stop";
        int completionTokens = translation.TargetTokens ?? Words(text);
        int? maxTokens = (request["max_completion_tokens"] ?? request["max_tokens"])?.GetValue<int>();
        if (maxTokens is int cap && translation.TargetTokens == null && completionTokens > cap)
        {
            // Without the model's tokenizer, words stand in for tokens.
            text = string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(cap));
            completionTokens = cap;
            finish = "length";
        }
        int promptTokens = translation.SourceTokens ?? Words(message);
        bool wantLogprobs = request["logprobs"]?.GetValueKind() == JsonValueKind.True;
        JsonNode? logprobs = wantLogprobs && translation.LogProbability is double lp && fault != Fault.Empty
            // Our backends score whole sequences, so the sequence log-probability is one entry spanning the text.
            ? new JsonObject { ["content"] = new JsonArray(new JsonObject { ["token"] = text, ["logprob"] = lp, ["bytes"] = null, ["top_logprobs"] = new JsonArray() }) }
            : null;

        var completion = new JsonObject
        {
            ["id"] = "chatcmpl-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
                ["logprobs"] = logprobs,
                ["finish_reason"] = finish,
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = promptTokens, ["completion_tokens"] = completionTokens, ["total_tokens"] = promptTokens + completionTokens },
        };
        if (fault == Fault.Empty) Interlocked.Increment(ref faults);
        else Interlocked.Increment(ref translated);
        Log(number, 200, fault == Fault.Empty ? "fault=empty" : null);
        await Json(response, 200, completion).ConfigureAwait(false);
    }

    /// <summary>Checks the request against what we serve: (problem, status, code), or null when fine.</summary>
    (string, int, string)? Invalid(JsonObject request)
    {
        if (request["stream"]?.GetValueKind() == JsonValueKind.True)
            return ("streaming is not supported by regurg serve; send \"stream\": false", 400, "invalid_request_error");
        if (request["model"] is not JsonNode modelNode)
            return ("'model' is required", 400, "invalid_request_error");
        if (modelNode.GetValueKind() != JsonValueKind.String)
            return ("'model' must be a string", 400, "invalid_request_error");
        if (request["n"] is JsonNode n && (n.GetValueKind() != JsonValueKind.Number
            // Read as decimal: 1.0 is one, and a number no double holds (1e400) is refused rather than thrown on.
            || !decimal.TryParse(n.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal count) || count != 1))
            return ("only n = 1 is supported", 400, "invalid_request_error");
        foreach (var key in new[] { "max_tokens", "max_completion_tokens" })
            if (request[key] is JsonNode m && (m.GetValueKind() != JsonValueKind.Number || !int.TryParse(m.ToJsonString(), out int v) || v < 1))
                return ($"'{key}' must be a positive whole number", 400, "invalid_request_error");
        if (request["messages"] is not JsonArray { Count: > 0 })
            return ("'messages' must be a non-empty array", 400, "invalid_request_error");
        if (LastUserMessage(request) == null)
            return ("there is no user message with text content", 400, "invalid_request_error");
        return null;
    }

    /// <summary>The last user message's text: a string, or the text parts of a content array.</summary>
    static string? LastUserMessage(JsonObject request)
    {
        if (request["messages"] is not JsonArray messages) return null;
        for (int i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i] is not JsonObject message || message["role"]?.GetValueKind() != JsonValueKind.String || message["role"]!.GetValue<string>() != "user")
                continue;
            var content = message["content"];
            if (content?.GetValueKind() == JsonValueKind.String) return content.GetValue<string>();
            if (content is JsonArray parts)
            {
                var texts = parts.OfType<JsonObject>()
                    .Where(p => p["type"]?.GetValueKind() == JsonValueKind.String && p["type"]!.GetValue<string>() == "text" && p["text"]?.GetValueKind() == JsonValueKind.String)
                    .Select(p => p["text"]!.GetValue<string>()).ToList();
                if (texts.Count > 0) return string.Concat(texts);
            }
            return null;
        }
        return null;
    }

    async Task InjectAsync(HttpContext context, Fault fault, long number)
    {
        var response = context.Response;
        switch (fault)
        {
            case Fault.RateLimited:
                // Retry-After is whole seconds (RFC 9110); OpenAI also sends retry-after-ms, which we mirror.
                response.Headers["Retry-After"] = Math.Ceiling(options.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                response.Headers["retry-after-ms"] = ((long)options.RetryAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
                await Error(response, 429, "rate_limit_exceeded", "injected fault: rate limit", number, "fault=429").ConfigureAwait(false);
                break;
            case Fault.ServerError:
                await Error(response, 500, "server_error", "injected fault: internal error", number, "fault=500").ConfigureAwait(false);
                break;
            case Fault.BadGateway:
                await Error(response, 502, "server_error", "injected fault: bad gateway", number, "fault=502").ConfigureAwait(false);
                break;
            case Fault.Unavailable:
                await Error(response, 503, "server_error", "injected fault: unavailable", number, "fault=503").ConfigureAwait(false);
                break;
            case Fault.Timeout:
                try
                {
                    await Task.Delay(options.Hang, context.RequestAborted).ConfigureAwait(false);
                    await Error(response, 504, "timeout", "injected fault: timeout", number, "fault=timeout").ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Log(number, 0, "fault=timeout (client gave up)");
                }
                break;
            case Fault.Malformed:
                Log(number, 200, "fault=malformed");
                response.StatusCode = 200;
                response.ContentType = "application/json";
                await response.WriteAsync("{\"id\":\"chatcmpl-broken\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assi").ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// Answers a request of another API (the fine-tuning routes) with the next planned fault when the plan has one
    /// for it; true when it did. The plan is shared with chat completions, so a cycle runs across both; an `empty`
    /// fault only means something to chat completions and counts as none here.
    /// </summary>
    internal async Task<bool> InjectedFaultAsync(HttpContext context)
    {
        var fault = options.Faults.Next();
        if (fault is Fault.None or Fault.Empty) return false;
        Interlocked.Increment(ref faults);
        context.Items[InjectedKey] = true;
        await InjectAsync(context, fault, -Interlocked.Increment(ref apiFaults)).ConfigureAwait(false);
        return true;
    }

    /// <summary>Whether <paramref name="request"/> may be answered: no key is configured, or it carries the configured one.</summary>
    internal bool Authorized(HttpRequest request)
    {
        if (options.ApiKey == null) return true;
        string header = request.Headers.Authorization.ToString().Trim();
        const string scheme = "Bearer";
        // Authentication schemes are case-insensitive (RFC 9110, 11.1): "bearer KEY" is as good as "Bearer KEY".
        if (header.Length <= scheme.Length || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header[scheme.Length] != ' ') return false;
        // Constant-time comparison: the fault-injection server may face a real client's real key.
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].TrimStart(' ')), Encoding.UTF8.GetBytes(options.ApiKey!));
    }

    async Task Error(HttpResponse response, int status, string code, string message, long number, string? note = null)
    {
        Log(number, status, note ?? message);
        await ApiError.WriteAsync(response.HttpContext, status, message, code: code).ConfigureAwait(false);
    }

    static async Task Json(HttpResponse response, int status, JsonNode body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await response.WriteAsync(body.ToJsonString()).ConfigureAwait(false);
    }

    // Negative numbers count the faults given to other APIs' requests (see InjectedFaultAsync), which have no chat request number.
    void Log(long number, int status, string? note) =>
        Log($"{(number < 0 ? "api fault " + (-number).ToString(CultureInfo.InvariantCulture) : "request " + number.ToString(CultureInfo.InvariantCulture))}: {(status == 0 ? "-" : status.ToString(CultureInfo.InvariantCulture))}{(note == null ? "" : " " + note)}",
            status >= 400 && !(note?.StartsWith("fault=", StringComparison.Ordinal) ?? false));

    /// <summary>Tells the request log <paramref name="line"/>: always when it reports an error that was not injected, else unless only errors are logged.</summary>
    internal void Log(string line, bool error)
    {
        if (error || !options.LogErrorsOnly) options.Log?.Invoke(line);
    }

    static int Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
