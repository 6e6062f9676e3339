namespace Regurgitate.Quality;

/// <summary>One synthetic pair to score: a source, the generated target, and what the generator said about it.</summary>
/// <param name="Id">The pair's id (the source's 1-based line number in `regurg generate` output).</param>
/// <param name="Source">The source sentence.</param>
/// <param name="Target">The generated target.</param>
/// <param name="LogProbability">The generator's total natural-log probability of the target, when it reported one.</param>
/// <param name="TargetTokens">Tokens that log-probability covers (the generator's own count, EOS included for our models).</param>
public sealed record QualityPair(long Id, string Source, string Target, double? LogProbability = null, int? TargetTokens = null);
