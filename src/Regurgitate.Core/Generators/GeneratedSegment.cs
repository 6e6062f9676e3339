namespace Regurgitate.Generators;

/// <summary>What a generator made of one source: a text, or the reason it made none, with what it cost.</summary>
/// <param name="Text">The generated target, or null when generation failed.</param>
/// <param name="Failure">Why there is no text (e.g. "HTTP 500 after 6 retries", "empty reply"), or null.</param>
/// <param name="LogProbability">Natural-log probability of <paramref name="Text"/> under the generator, when it reports one.</param>
/// <param name="LatencyMs">Wall-clock milliseconds spent on this segment, retries and back-off included.</param>
/// <param name="Usage">Tokens the generator's service counted for this segment, when it reports them.</param>
/// <param name="Cached">True when the result came from a persistent cache, so nothing was paid for it in this run.</param>
/// <param name="Attempts">Requests made for this segment in this run (0 for a cache hit).</param>
public sealed record GeneratedSegment(
    string? Text,
    string? Failure = null,
    double? LogProbability = null,
    double LatencyMs = 0,
    TokenUsage? Usage = null,
    bool Cached = false,
    int Attempts = 1)
{
    /// <summary>True when there is a text.</summary>
    public bool Succeeded => Text != null;

    /// <summary>A successful result.</summary>
    public static GeneratedSegment Success(string text, double? logProbability = null, double latencyMs = 0, TokenUsage? usage = null) =>
        new(text, null, logProbability, latencyMs, usage);

    /// <summary>A failed result with its reason.</summary>
    public static GeneratedSegment Failed(string reason, double latencyMs = 0, int attempts = 1) =>
        new(null, reason, null, latencyMs, null, false, attempts);
}
