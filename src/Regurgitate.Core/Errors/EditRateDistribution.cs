namespace Regurgitate.Errors;

/// <summary>How per-segment TER edit rates are distributed over a corpus.</summary>
/// <param name="Threshold">The "high edit rate" threshold.</param>
/// <param name="AboveThreshold">Share of segments whose edit rate exceeds it.</param>
/// <param name="Mean">Mean edit rate (segments weighted equally, unlike corpus TER).</param>
/// <param name="Quantiles">Edit rate at the 10th, 25th, 50th, 75th and 90th percentiles.</param>
/// <param name="Histogram">Segments per bin [0, 0.1), [0.1, 0.2), ..., [0.9, 1.0), [1.0, ∞).</param>
/// <param name="MeanChrf">Mean sentence chrF.</param>
public sealed record EditRateDistribution(
    double Threshold,
    double AboveThreshold,
    double Mean,
    IReadOnlyList<(double Quantile, double EditRate)> Quantiles,
    IReadOnlyList<int> Histogram,
    double MeanChrf)
{
    /// <summary>The quantile levels reported.</summary>
    public static IReadOnlyList<double> Levels { get; } = [0.10, 0.25, 0.50, 0.75, 0.90];

    /// <summary>Histogram bin width; the last bin collects everything from 1.0 up.</summary>
    public const double BinWidth = 0.1;

    /// <summary>The distribution of <paramref name="scores"/>, skipping undefined ones (blank references); null when none is left.</summary>
    public static EditRateDistribution? Of(IReadOnlyList<ReferenceScores> scores, double threshold)
    {
        scores = scores.Where(s => !double.IsNaN(s.EditRate)).ToList();
        if (scores.Count == 0) return null;
        var rates = scores.Select(s => s.EditRate).Order().ToArray();
        var quantiles = Levels.Select(q => (q, Statistics.Quantiles.Linear(rates, q))).ToList();
        var histogram = new int[11];
        foreach (double rate in rates) histogram[Math.Min(10, (int)Math.Floor(rate / BinWidth + 1e-9))]++;
        return new EditRateDistribution(threshold, (double)rates.Count(r => r > threshold) / rates.Length, rates.Average(),
            quantiles, histogram, scores.Average(s => s.Chrf));
    }
}
