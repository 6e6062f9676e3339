namespace Regurgitate.Statistics;

/// <summary>Standard deviations of values about a mean the caller has already computed.</summary>
public static class Moments
{
    /// <summary>The sample standard deviation, √(Σ(v − mean)² / (n − 1)) (numpy's ddof=1); NaN with one value.</summary>
    public static double SampleStandardDeviation(IReadOnlyList<double> values, double mean) =>
        values.Count < 2 ? double.NaN : Math.Sqrt(SquaredDeviations(values, mean) / (values.Count - 1));

    /// <summary>The population standard deviation, √(Σ(v − mean)² / n) (numpy's default ddof=0).</summary>
    public static double PopulationStandardDeviation(IReadOnlyList<double> values, double mean)
    {
        if (values.Count == 0) throw new ArgumentException("no values", nameof(values));
        return Math.Sqrt(SquaredDeviations(values, mean) / values.Count);
    }

    static double SquaredDeviations(IReadOnlyList<double> values, double mean) => values.Sum(v => (v - mean) * (v - mean));
}
