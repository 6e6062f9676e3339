using Regurgitate.Statistics;

namespace Regurgitate.Reports;

/// <summary>
/// A mitigation strategy's students against one of its baselines at one size: the BLEU difference (strategy −
/// baseline) with its interval and verdict within the family of every strategy comparison of the report (Holm),
/// the chrF difference, and for a synthetic baseline the share of that baseline's gap to human data the strategy
/// closes.
/// </summary>
/// <param name="Strategy">The strategy condition.</param>
/// <param name="Baseline">The baseline condition it is compared with.</param>
/// <param name="Role">What the baseline stands for (see <see cref="StrategyBaselines"/>).</param>
/// <param name="Size">Training pairs of both.</param>
/// <param name="Seeds">Per seed, both students' BLEU.</param>
/// <param name="Bleu">The BLEU difference and its verdict.</param>
/// <param name="Chrf">The chrF difference, or null.</param>
/// <param name="GapShare">(strategy − baseline) / (human − baseline), where the baseline is shown to be worse than human data (its gap verdict); null otherwise.</param>
/// <param name="UnequalPool">Why the baseline was not drawn from a pool of the strategy's size, or null when it was.</param>
public sealed record StrategyComparison(string Strategy, string Baseline, string Role, int Size, IReadOnlyList<SeedPair> Seeds,
    ComparisonDecision Bleu, PairedComparison? Chrf, QuantityEstimate? GapShare, string? UnequalPool)
{
    /// <summary>The BLEU difference, strategy − baseline.</summary>
    public PairedComparison Difference => Bleu.Comparison;
}
