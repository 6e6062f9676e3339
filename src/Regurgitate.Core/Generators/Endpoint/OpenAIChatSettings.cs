namespace Regurgitate.Generators;

/// <summary>How to call an OpenAI-compatible chat endpoint (OpenAI, Azure OpenAI v1, vLLM, Ollama, llama.cpp server, `regurg serve`).</summary>
/// <param name="BaseUrl">The API base, e.g. https://api.openai.com/v1 or http://127.0.0.1:8000/v1.</param>
/// <param name="Model">The model name the endpoint knows.</param>
/// <param name="Prompt">The user message template.</param>
/// <param name="SourceLanguage">Fills {source_lang}, e.g. "German".</param>
/// <param name="TargetLanguage">Fills {target_lang}, e.g. "English".</param>
public sealed record OpenAIChatSettings(Uri BaseUrl, string Model, PromptTemplate Prompt, string SourceLanguage, string TargetLanguage)
{
    /// <summary>An optional system message.</summary>
    public string? System { get; init; }
    /// <summary>Sampling temperature; null leaves the endpoint's default.</summary>
    public float? Temperature { get; init; }
    /// <summary>Reply length cap in tokens; null leaves the endpoint's default.</summary>
    public int? MaxTokens { get; init; }
    /// <summary>Sampling seed, for endpoints that honour one.</summary>
    public long? Seed { get; init; }
    /// <summary>Ask for token log-probabilities and record their sum.</summary>
    public bool LogProbabilities { get; init; }
    /// <summary>Requests in flight at once.</summary>
    public int Concurrency { get; init; } = 4;
    /// <summary>Retries after the first attempt on 429, 5xx, timeouts and malformed replies.</summary>
    public int MaxRetries { get; init; } = 6;
    /// <summary>How long one attempt may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);
    /// <summary>Back-off between retries.</summary>
    public RetryBackoff Backoff { get; init; } = RetryBackoff.Default;
    /// <summary>Directory of the persistent reply cache; null disables it.</summary>
    public string? CacheDirectory { get; init; }
    /// <summary>Name of the environment variable that holds the API key; null sends a placeholder (local servers).</summary>
    public string? ApiKeyEnvironmentVariable { get; init; }
    /// <summary>Name for provenance; defaults to "openai:{model}".</summary>
    public string? Name { get; init; }
}
