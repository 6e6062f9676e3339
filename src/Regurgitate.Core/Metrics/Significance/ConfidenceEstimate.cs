using Regurgitate.Statistics;

namespace Regurgitate.Metrics.Significance;

/// <summary>
/// A 95% bootstrap confidence interval for one system, as sacreBLEU's <c>--confidence</c>: resample
/// segments with replacement, score each resample, and report the mean and half the distance
/// between the 2.5% and 97.5% order statistics.
/// </summary>
public static class ConfidenceEstimate
{
    /// <summary>sacreBLEU's default seed (its <c>SACREBLEU_SEED</c>).</summary>
    public const ulong DefaultSeed = 12345;

    /// <summary>Bootstrap scores of <paramref name="samples"/> resamples drawn with NumPy's generator seeded by <paramref name="seed"/>.</summary>
    public static double[] BootstrapScores(SufficientStatistics statistics, int samples, ulong seed = DefaultSeed)
    {
        if (samples < 1) throw new ArgumentOutOfRangeException(nameof(samples));
        var random = new NumpyRandom(seed);
        var indices = new int[statistics.Segments];
        var totals = new double[statistics.Width];
        var scores = new double[samples];
        for (int b = 0; b < samples; b++)
        {
            Bootstrap.Resample(indices, statistics.Segments, random.NextIndex);
            Array.Clear(totals);
            statistics.AddRows(indices, totals);
            scores[b] = statistics.Score(totals).Score;
        }
        return scores;
    }

    /// <summary>Mean and 95% half-width of bootstrap scores (sacreBLEU's <c>estimate_ci</c>).</summary>
    public static ConfidenceInterval FromScores(IReadOnlyList<double> scores)
    {
        var sorted = scores.ToArray();
        Array.Sort(sorted);
        int n = sorted.Length;
        int lower = n / 40, upper = n - lower - 1;
        return new ConfidenceInterval(sorted.Average(), 0.5 * (sorted[upper] - sorted[lower]));
    }

    /// <summary>The 95% confidence interval of a system's score.</summary>
    public static ConfidenceInterval Estimate(SufficientStatistics statistics, int samples = 1000, ulong seed = DefaultSeed) =>
        FromScores(BootstrapScores(statistics, samples, seed));

    /// <summary>The signature of a score reported with a bootstrap interval (<c>bs:</c> and <c>seed:</c> added).</summary>
    public static Signature SignatureWith(Signature signature, int samples, ulong seed) =>
        signature with { BootstrapSamples = samples, Seed = seed.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
