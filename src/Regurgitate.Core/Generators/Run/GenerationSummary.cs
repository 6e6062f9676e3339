namespace Regurgitate.Generators;

/// <summary>What a <see cref="GenerationRun"/> did.</summary>
/// <param name="Total">Segments in the corpus.</param>
/// <param name="Resumed">Segments found already done in the progress file.</param>
/// <param name="Generated">Segments generated in this run.</param>
/// <param name="Failed">Segments in the output without a text.</param>
/// <param name="Cached">Segments in this run answered from a persistent cache.</param>
/// <param name="Usage">Tokens paid for in this run (cache hits excluded).</param>
/// <param name="Elapsed">Wall-clock time of this run.</param>
/// <param name="CommonFailure">The most frequent failure reason among the failed segments, if any failed.</param>
public sealed record GenerationSummary(int Total, int Resumed, int Generated, int Failed, int Cached, TokenUsage Usage, TimeSpan Elapsed, string? CommonFailure = null);
