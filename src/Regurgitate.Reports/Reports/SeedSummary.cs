using Regurgitate.Statistics;

namespace Regurgitate.Reports;

/// <summary>
/// The mean of a score over seeds with its 95% Student-t interval: mean ± t(0.975, n−1)·s/√n.
/// With one seed there is no interval (the bounds are NaN).
/// </summary>
public sealed record SeedSummary(int N, double Mean, double StandardDeviation, double Low, double High)
{
    /// <summary>Half the interval's width (NaN with one seed).</summary>
    public double HalfWidth => (High - Low) / 2;

    /// <summary>Whether there is an interval (at least two seeds).</summary>
    public bool HasInterval => N >= 2 && !double.IsNaN(Low);

    /// <summary>The summary of <paramref name="values"/> (at least one).</summary>
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
