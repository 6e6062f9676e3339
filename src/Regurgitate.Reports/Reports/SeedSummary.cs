using Regurgitate.Statistics;

namespace Regurgitate.Reports;

/// <summary>
/// The mean of a score over seeds with its 95% interval. Where the cells' translations were read, the interval
/// is the two-level one of <see cref="CellScore"/> (seeds and test sentences, inside the metric's range; see
/// docs/statistics.md); otherwise the Student-t interval over seeds, mean ± t(0.975, n−1)·s/√n. With one seed
/// and no pooled seed variance there is no interval (the bounds are NaN).
/// </summary>
public sealed record SeedSummary(int N, double Mean, double StandardDeviation, double Low, double High)
{
    /// <summary>Half the interval's width (NaN with one seed); the two-level interval need not be symmetric.</summary>
    public double HalfWidth => (High - Low) / 2;

    /// <summary>Whether there is an interval (at least two seeds).</summary>
    public bool HasInterval => !double.IsNaN(Low);

    /// <summary>The mean of <paramref name="values"/> with the two-level interval of <paramref name="score"/>.</summary>
    public static SeedSummary Of(IReadOnlyList<double> values, CellScore score)
    {
        if (values.Count != score.Seeds) throw new ArgumentException($"{values.Count} seed values for a score of {score.Seeds} seeds", nameof(values));
        double sd = values.Count >= 2 ? Moments.SampleStandardDeviation(values, values.Average()) : double.NaN;
        return new SeedSummary(score.Seeds, score.Score, sd, score.Low, score.High);
    }

    /// <summary>The summary of <paramref name="values"/> (at least one) with the t interval over seeds.</summary>
    public static SeedSummary Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("no values to summarize", nameof(values));
        int n = values.Count;
        double mean = values.Average();
        if (n == 1) return new SeedSummary(1, mean, double.NaN, double.NaN, double.NaN);
        double sd = Moments.SampleStandardDeviation(values, mean);
        double half = StudentT.Quantile975(n - 1) * sd / Math.Sqrt(n);
        return new SeedSummary(n, mean, sd, mean - half, mean + half);
    }
}
