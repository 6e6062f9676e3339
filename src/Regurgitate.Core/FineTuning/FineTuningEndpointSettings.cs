using Regurgitate.Generators;

namespace Regurgitate.FineTuning;

/// <summary>How to reach a provider's files and fine-tuning API (OpenAI, or `regurg serve --fine-tuning`).</summary>
/// <param name="BaseUrl">The API base, e.g. https://api.openai.com/v1 or http://127.0.0.1:8080/v1.</param>
public sealed record FineTuningEndpointSettings(Uri BaseUrl)
{
    /// <summary>Name of the environment variable that holds the API key; null sends a placeholder (local servers).</summary>
    public string? ApiKeyEnvironmentVariable { get; init; }
    /// <summary>Retries after the first attempt on 429, 5xx, timeouts and broken connections.</summary>
    public int MaxRetries { get; init; } = 6;
    /// <summary>Back-off between retries.</summary>
    public RetryBackoff Backoff { get; init; } = RetryBackoff.Default;
    /// <summary>How long one request may take (uploads included).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(300);
    /// <summary>The first wait between two polls of a job.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>The longest wait between two polls; waits grow by half each poll up to it (jobs take minutes to hours).</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(60);
}
