namespace Regurgitate.Statistics;

/// <summary>How many seeds per condition a comparison needs, from a run's own between-seed and sentence variance.</summary>
public static class SeedPlanning
{
    /// <summary>The most seeds a plan proposes; beyond it the answer is "more test sentences", not more seeds.</summary>
    public const int MaximumSeeds = 200;

    /// <summary>
    /// The fewest seeds k per condition for which a two-sided test at <paramref name="alpha"/> detects a true
    /// difference of <paramref name="effect"/> with probability <paramref name="power"/>:
    /// effect ≥ (t(1 − α/2, df) + t(power, df)) · √(2σ²/k + V_sent), with σ² the variance of one seed's corpus
    /// score, V_sent the sentence part of the difference's variance (fixed by the test set, not by seeds) and
    /// df the Welch–Satterthwaite combination of 2(k − 1) seed df with the sentence part. The same k lets TOST
    /// show equivalence within ±effect of a true difference near 0 at about the same power. Null when even
    /// <see cref="MaximumSeeds"/> do not suffice (the test set is too small for this effect).
    /// </summary>
    public static int? SeedsNeeded(double perSeedVariance, double sentenceVariance, int sentences, double effect,
        double alpha = 0.05, double power = 0.8)
    {
        if (!(effect > 0)) throw new ArgumentOutOfRangeException(nameof(effect), effect, "an effect to detect is positive");
        if (alpha is <= 0 or >= 1 || power is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(alpha), "alpha and power are in (0, 1)");
        if (!(perSeedVariance >= 0) || !(sentenceVariance >= 0)) return null;
        bool Decides(int k)
        {
            var (variance, df) = DifferenceVariance(perSeedVariance, k, 2.0 * (k - 1), sentenceVariance, sentences);
            if (variance == 0) return true;
            return effect >= (TDistribution.Quantile(1 - alpha / 2, df) + TDistribution.Quantile(power, df)) * Math.Sqrt(variance);
        }
        if (!Decides(MaximumSeeds)) return null;
        // The required effect falls as k grows, so the fewest seeds that decide are found by bisection.
        int low = 1, high = MaximumSeeds;
        while (high - low > 1)
        {
            int mid = (low + high) / 2;
            if (Decides(mid)) high = mid; else low = mid;
        }
        return high;
    }

    /// <summary>
    /// The variance of a difference of two conditions with <paramref name="seeds"/> seeds each, 2σ²/k + V_sent, and its
    /// Welch–Satterthwaite degrees of freedom from <paramref name="seedDegreesOfFreedom"/> for the seed part and the test
    /// set's sentences − 1 for the sentence part (the sentence part's alone when the seed part is 0).
    /// </summary>
    public static (double Variance, double DegreesOfFreedom) DifferenceVariance(double perSeedVariance, int seeds, double seedDegreesOfFreedom,
        double sentenceVariance, int sentences)
    {
        double sentenceDf = Math.Max(1, sentences - 1);
        double seed = 2 * perSeedVariance / seeds;
        double variance = seed + sentenceVariance;
        double denominator = seed * seed / seedDegreesOfFreedom + sentenceVariance * sentenceVariance / sentenceDf;
        return (variance, denominator > 0 ? variance * variance / denominator : sentenceDf);
    }
}
