namespace Regurgitate.Quality;

/// <summary>
/// `confidence`: the generator's own log-probability of its target, divided by the tokens it covers. `regurg
/// generate` records the total (sum over the output's tokens, EOS included) and the token count as
/// meta.output_tokens; without either the pair's value is null.
/// </summary>
public sealed class ConfidenceScore : IQualityScore
{
    /// <inheritdoc/>
    public string Name => QualityScoreNames.Confidence;

    /// <inheritdoc/>
    public IReadOnlyList<double?> Score(IReadOnlyList<QualityPair> pairs, CancellationToken cancellationToken = default) =>
        pairs.Select(p => p.LogProbability is double lp && p.TargetTokens is int n && n > 0 ? lp / n : (double?)null).ToList();
}
