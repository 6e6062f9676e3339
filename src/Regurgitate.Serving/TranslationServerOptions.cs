using Regurgitate.Generators;

namespace Regurgitate.Serving;

/// <summary>How `regurg serve` listens and behaves.</summary>
public sealed record TranslationServerOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }
    /// <summary>The model id clients must name; defaults to the backend's name.</summary>
    public string? ModelName { get; init; }
    /// <summary>The prompt template clients use, so the server can recover the source from the user message; null recovers it from messages in <see cref="PromptTemplate.Default"/> and otherwise takes the whole message.</summary>
    public PromptTemplate? Prompt { get; init; }
    /// <summary>Faults to inject.</summary>
    public FaultPlan Faults { get; init; } = FaultPlan.None;
    /// <summary>The Retry-After a 429 carries.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>How long a timeout fault holds a request before answering 504 (clients normally give up first).</summary>
    public TimeSpan Hang { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>When set, requests must carry "Authorization: Bearer KEY" with this key.</summary>
    public string? ApiKey { get; init; }
    /// <summary>Told one line per request (status, fault); never headers or keys.</summary>
    public Action<string>? Log { get; init; }
    /// <summary>When true, <see cref="Log"/> is told only of requests answered with an error that was not injected (client errors, server errors).</summary>
    public bool LogErrorsOnly { get; init; }
    /// <summary>The largest request body accepted; a larger one gets 413 (`serve --max-body-mb`).</summary>
    public long MaxRequestBodyBytes { get; init; } = DefaultMaxRequestBodyMegabytes * 1024L * 1024;

    /// <summary>The default of `serve --max-body-mb`: room for a large fine-tuning file.</summary>
    public const int DefaultMaxRequestBodyMegabytes = 100;
}
