namespace Regurgitate.Statistics;

/// <summary>
/// Percentile intervals widened for few seeds (Hesterberg's expanded percentile interval, 2015). A plain
/// percentile interval over 2–5 seeds is too narrow twice over: the bootstrap variance of a mean of k values
/// is (k − 1)/k of the unbiased one, and normal quantiles stand where Student's t quantiles belong. This
/// reads the resampled values at the tail level whose normal quantile is t(df) · √(target / bootstrap
/// variance), so the interval has the t interval's width while its ends are still resampled scores, inside
/// the metric's range by construction. When fewer than <see cref="MinimumTailCount"/> resamples lie beyond
/// that tail, it falls back to the t interval, clipped to the range.
/// </summary>
public static class ExpandedPercentile
{
    /// <summary>
    /// The fewest resamples beyond each end for the interval to be read from them: an end interpolated
    /// between the 1st and 2nd smallest of a few hundred values is noisy and, in the calibration, too narrow.
    /// </summary>
    public const int MinimumTailCount = 10;

    /// <summary>
    /// The interval at <paramref name="confidence"/> around <paramref name="estimate"/> whose variance is
    /// <paramref name="variance"/> with <paramref name="degreesOfFreedom"/>, read from <paramref name="resampled"/>.
    /// </summary>
    public static (double Low, double High, bool FromResamples) Interval(IReadOnlyList<double> resampled, double estimate,
        double variance, double degreesOfFreedom, double confidence, (double Low, double High) range)
    {
        if (!(variance >= 0) || !(degreesOfFreedom > 0)) return (double.NaN, double.NaN, false);
        double t = TDistribution.Quantile((1 + confidence) / 2, degreesOfFreedom);
        double mean = resampled.Average();
        double bootstrapVariance = resampled.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, resampled.Count - 1);
        if (bootstrapVariance > 0 && variance > 0)
        {
            double tail = NormalDistribution.Cdf(-t * Math.Sqrt(variance / bootstrapVariance));
            if (tail * resampled.Count >= MinimumTailCount)
            {
                var sorted = resampled.Order().ToArray();
                return (Quantiles.Linear(sorted, tail), Quantiles.Linear(sorted, 1 - tail), true);
            }
        }
        double half = t * Math.Sqrt(variance);
        return (Math.Max(range.Low, estimate - half), Math.Min(range.High, estimate + half), false);
    }
}
