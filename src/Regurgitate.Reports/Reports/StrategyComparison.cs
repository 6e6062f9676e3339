namespace Regurgitate.Reports;

/// <summary>
/// A mitigation strategy's students against one of its honest baselines at one size, paired by seed: per
/// seed both students' BLEU and the paired bootstrap p-value; over seeds the mean difference (strategy −
/// baseline) with its 95% t-interval.
/// </summary>
/// <param name="Strategy">The strategy condition.</param>
/// <param name="Baseline">The baseline condition it is compared with.</param>
/// <param name="Role">What the baseline stands for (see <see cref="StrategyBaselines"/>).</param>
/// <param name="Size">Training pairs of both.</param>
/// <param name="Seeds">Per seed, the paired comparison.</param>
/// <param name="Difference">Strategy − baseline over seeds.</param>
public sealed record StrategyComparison(string Strategy, string Baseline, string Role, int Size, IReadOnlyList<SeedGap> Seeds, SeedSummary Difference)
{
    /// <summary>+1 when the interval over seeds lies above 0, −1 when below, 0 when it includes 0 (or there is none).</summary>
    public int Direction => Difference.HasInterval ? Difference.Low > 0 ? 1 : Difference.High < 0 ? -1 : 0 : 0;
}
