using Regurgitate.Statistics;

namespace Regurgitate.Errors;

/// <summary>
/// Robust z-scores (Iglewicz &amp; Hoaglin 1993, "How to Detect and Handle Outliers"): distance
/// from a centre in units of 1.4826·MAD, the median absolute deviation scaled to match a
/// standard deviation under normality. |z| &gt; 3.5 is their recommended outlier cut-off.
/// </summary>
/// <param name="Center">The centre values are measured from.</param>
/// <param name="Scale">1.4826·MAD of the values the scale was estimated from.</param>
public sealed record RobustZ(double Center, double Scale)
{
    /// <summary>Iglewicz &amp; Hoaglin's recommended cut-off.</summary>
    public const double DefaultThreshold = 3.5;

    /// <summary>Centre and scale from <paramref name="values"/> (median and scaled MAD); NaN values are ignored.</summary>
    public static RobustZ From(IEnumerable<double> values) => From(values, center: null);

    /// <summary>
    /// Scale from the spread of <paramref name="values"/> about their own median, centre
    /// <paramref name="center"/> when given (e.g. a known length ratio), else that median.
    /// When more than half the values are equal the MAD is 0; then 1.2533·mean absolute
    /// deviation is used (Iglewicz &amp; Hoaglin's fallback).
    /// </summary>
    public static RobustZ From(IEnumerable<double> values, double? center)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0) return new RobustZ(center ?? double.NaN, double.NaN);
        double median = Quantiles.Median(sorted);
        var deviations = sorted.Select(v => Math.Abs(v - median)).Order().ToArray();
        double scale = 1.4826 * Quantiles.Median(deviations);
        if (scale == 0) scale = 1.2533 * deviations.Average();
        return new RobustZ(center ?? median, scale);
    }

    /// <summary>The robust z-score of <paramref name="value"/>: 0 when the scale is 0 and the value sits at the centre.</summary>
    public double Score(double value)
    {
        double distance = value - Center;
        if (distance == 0) return 0;
        return distance / Scale;
    }
}
