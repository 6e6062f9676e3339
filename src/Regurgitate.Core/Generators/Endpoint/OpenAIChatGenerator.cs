using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI;
using Regurgitate.Corpora;

namespace Regurgitate.Generators;

/// <summary>
/// Translates through an OpenAI-compatible chat endpoint with Microsoft.Extensions.AI: bounded
/// concurrency, our own retry loop (exponential back-off with jitter, Retry-After honoured) on
/// 429/5xx/timeouts/malformed replies, a persistent reply cache, and token accounting.
/// The SDK's own retries are switched off so that exactly one policy is in charge.
/// </summary>
public sealed class OpenAIChatGenerator : IGenerator, IDisposable
{
    readonly OpenAIChatSettings settings;
    readonly IChatClient client;
    readonly SemaphoreSlim slots;
    readonly CompletionCache? cache;
    readonly Action<RetryAttempt>? onRetry;
    readonly Random jitter = new();
    long inputTokens, outputTokens, requests, cacheHits;

    /// <param name="settings">Endpoint, model, prompt and limits.</param>
    /// <param name="onRetry">Told about every retry before its back-off (for logs and tests).</param>
    public OpenAIChatGenerator(OpenAIChatSettings settings, Action<RetryAttempt>? onRetry = null)
    {
        if (settings.Concurrency < 1) throw new InputException($"concurrency must be at least 1, not {settings.Concurrency}");
        if (settings.MaxRetries < 0) throw new InputException($"max_retries must be 0 or more, not {settings.MaxRetries}");
        this.settings = settings;
        this.onRetry = onRetry;
        slots = new SemaphoreSlim(settings.Concurrency);
        cache = settings.CacheDirectory == null ? null : new CompletionCache(settings.CacheDirectory);

        var options = new OpenAIClientOptions
        {
            Endpoint = settings.BaseUrl,
            // Our loop retries; the SDK's would hide attempts from the accounting and double the waits.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // Our per-attempt timeout is the real one; this only stops the SDK's 100 s default from cutting a longer one short.
            NetworkTimeout = settings.Timeout + TimeSpan.FromSeconds(5),
        };
        client = new OpenAIClient(new ApiKeyCredential(ReadApiKey(settings.ApiKeyEnvironmentVariable)), options)
            .GetChatClient(settings.Model)
            .AsIChatClient();

        Name = settings.Name ?? $"openai:{settings.Model}";
        var provenance = new Dictionary<string, string>
        {
            ["base_url"] = settings.BaseUrl.ToString(),
            ["model"] = settings.Model,
            ["prompt"] = settings.Prompt.Text,
            ["source_lang"] = settings.SourceLanguage,
            ["target_lang"] = settings.TargetLanguage,
        };
        if (settings.System != null) provenance["system"] = settings.System;
        if (settings.Temperature is float t) provenance["temperature"] = t.ToString("R", CultureInfo.InvariantCulture);
        if (settings.MaxTokens is int m) provenance["max_tokens"] = m.ToString(CultureInfo.InvariantCulture);
        if (settings.Seed is long s) provenance["seed"] = s.ToString(CultureInfo.InvariantCulture);
        Provenance = Provenance.Machine(Name, provenance);
    }

    public string Name { get; }
    public Provenance Provenance { get; }
    public int? BatchSize => Math.Max(32, settings.Concurrency * 8);

    /// <summary>Tokens paid for in this generator's lifetime (cache hits excluded).</summary>
    public TokenUsage Usage => new(Interlocked.Read(ref inputTokens), Interlocked.Read(ref outputTokens));
    /// <summary>HTTP requests sent, retries included.</summary>
    public long Requests => Interlocked.Read(ref requests);
    /// <summary>Segments answered from the cache.</summary>
    public long CacheHits => Interlocked.Read(ref cacheHits);

    public async Task<IReadOnlyList<GeneratedSegment>> GenerateAsync(IReadOnlyList<string> sources, CancellationToken cancellationToken = default)
    {
        var tasks = sources.Select((source, i) => TranslateAsync(i, source, cancellationToken)).ToArray();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    async Task<GeneratedSegment> TranslateAsync(int index, string source, CancellationToken cancellationToken)
    {
        string prompt = settings.Prompt.Render(source, settings.SourceLanguage, settings.TargetLanguage);
        string request = CanonicalRequest(prompt);
        if (cache?.TryGet(request) is CompletionCache.Entry hit)
        {
            Interlocked.Increment(ref cacheHits);
            return new GeneratedSegment(hit.Text, null, hit.LogProbability, 0, hit.Usage, Cached: true, Attempts: 0);
        }

        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        try
        {
            for (int attempt = 1; ; attempt++)
            {
                var outcome = await AttemptAsync(prompt, cancellationToken).ConfigureAwait(false);
                if (outcome.Segment is GeneratedSegment done)
                {
                    if (done.Succeeded) cache?.Put(request, new CompletionCache.Entry(done.Text!, done.LogProbability, done.Usage));
                    return done with { LatencyMs = clock.Elapsed.TotalMilliseconds, Attempts = attempt };
                }
                if (attempt > settings.MaxRetries)
                    return GeneratedSegment.Failed($"{outcome.TransientReason} (gave up after {attempt} attempts)", clock.Elapsed.TotalMilliseconds, attempt);
                var delay = settings.Backoff.Delay(attempt, outcome.RetryAfter, jitter);
                onRetry?.Invoke(new RetryAttempt(index, attempt, outcome.TransientReason!, delay, outcome.RetryAfter));
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>A finished segment (success or permanent failure), or a transient failure worth retrying.</summary>
    readonly record struct Outcome(GeneratedSegment? Segment, string? TransientReason = null, TimeSpan? RetryAfter = null);

    async Task<Outcome> AttemptAsync(string prompt, CancellationToken cancellationToken)
    {
        using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attemptTimeout.CancelAfter(settings.Timeout);
        Interlocked.Increment(ref requests);
        ChatResponse response;
        try
        {
            response = await client.GetResponseAsync(Messages(prompt), ChatOptions(), attemptTimeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Outcome(null, $"timeout after {settings.Timeout.TotalSeconds:0.###} s");
        }
        catch (ClientResultException e) when (IsTransient(e.Status))
        {
            return new Outcome(null, e.Status == 0 ? $"connection failed: {EndpointErrorMessage.FirstLine(e.Message)}" : $"HTTP {e.Status}", RetryAfterHint.Of(e));
        }
        catch (ClientResultException e) when (e.Status is 401 or 403)
        {
            throw new InputException($"the endpoint {settings.BaseUrl} refused the request (HTTP {e.Status})",
                hint: settings.ApiKeyEnvironmentVariable == null
                    ? "it wants an API key: name the environment variable that holds it with api_key_env"
                    : $"check the API key in the environment variable {settings.ApiKeyEnvironmentVariable}");
        }
        catch (ClientResultException e) when (e.Status == 404)
        {
            throw new InputException($"the endpoint {settings.BaseUrl} answered HTTP 404 for model '{settings.Model}': {EndpointErrorMessage.Of(e)}",
                hint: "check base_url (it usually ends in /v1) and model");
        }
        catch (ClientResultException e)
        {
            // Other 4xx are about this request (e.g. too long for the context): retrying cannot help.
            return new Outcome(GeneratedSegment.Failed($"HTTP {e.Status}: {EndpointErrorMessage.Of(e)}"));
        }
        catch (HttpRequestException e)
        {
            return new Outcome(null, $"connection failed: {EndpointErrorMessage.FirstLine(e.Message)}");
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            // The SDK could not read the body: a proxy's HTML error page, a truncated or non-JSON reply.
            return new Outcome(null, $"malformed reply: {EndpointErrorMessage.FirstLine(e.Message)}");
        }

        TokenUsage? usage = response.Usage is { } u ? new TokenUsage(u.InputTokenCount ?? 0, u.OutputTokenCount ?? 0) : null;
        if (usage != null)
        {
            Interlocked.Add(ref inputTokens, usage.InputTokens);
            Interlocked.Add(ref outputTokens, usage.OutputTokens);
        }
        string text = response.Text.Trim();
        if (text.Length == 0)
        {
            // Deterministic models give the same empty reply again, so this is recorded, not retried.
            string finish = response.FinishReason?.Value ?? "none";
            return new Outcome(GeneratedSegment.Failed($"empty reply (finish_reason: {finish})") with { Usage = usage });
        }
        return new Outcome(new GeneratedSegment(text, null, LogProbability(response), 0, usage));
    }

    IList<ChatMessage> Messages(string prompt)
    {
        var messages = new List<ChatMessage>();
        if (settings.System != null) messages.Add(new ChatMessage(ChatRole.System, settings.System));
        messages.Add(new ChatMessage(ChatRole.User, prompt));
        return messages;
    }

    ChatOptions ChatOptions()
    {
        var options = new ChatOptions { Temperature = settings.Temperature, MaxOutputTokens = settings.MaxTokens, Seed = settings.Seed };
        if (settings.LogProbabilities)
            options.RawRepresentationFactory = _ => new OpenAI.Chat.ChatCompletionOptions { IncludeLogProbabilities = true };
        return options;
    }

    static double? LogProbability(ChatResponse response) =>
        response.RawRepresentation is OpenAI.Chat.ChatCompletion { ContentTokenLogProbabilities.Count: > 0 } completion
            ? completion.ContentTokenLogProbabilities.Sum(t => (double)t.LogProbability)
            : null;

    string CanonicalRequest(string prompt) => CompletionCache.CanonicalRequest(new Dictionary<string, string?>
    {
        ["endpoint"] = settings.BaseUrl.ToString().TrimEnd('/'),
        ["model"] = settings.Model,
        ["system"] = settings.System,
        ["prompt"] = prompt,
        ["temperature"] = settings.Temperature?.ToString("R", CultureInfo.InvariantCulture),
        ["max_tokens"] = settings.MaxTokens?.ToString(CultureInfo.InvariantCulture),
        ["seed"] = settings.Seed?.ToString(CultureInfo.InvariantCulture),
        ["logprobs"] = settings.LogProbabilities ? "true" : null,
    });

    static bool IsTransient(int status) => status is 0 or 408 or 409 or 429 or >= 500;

    static string ReadApiKey(string? variable)
    {
        // Local servers (vLLM, Ollama, llama.cpp, regurg serve) ignore the key, but the SDK wants a non-empty one.
        return variable == null ? "no-key" : ApiKeyVariable.Read(variable, "api_key_env");
    }

    public void Dispose()
    {
        client.Dispose();
        slots.Dispose();
    }
}
