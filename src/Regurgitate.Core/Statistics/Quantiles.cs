namespace Regurgitate.Statistics;

/// <summary>Quantiles and the median of sorted samples.</summary>
public static class Quantiles
{
    /// <summary>
    /// The <paramref name="q"/> quantile of ascending <paramref name="sorted"/> values by linear interpolation
    /// between order statistics: position q·(n−1), Hyndman &amp; Fan's type 7, numpy's and R's default.
    /// </summary>
    public static double Linear(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0) throw new ArgumentException("no values to take a quantile of", nameof(sorted));
        if (q is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(q), q, "a quantile level is in [0, 1]");
        double position = q * (sorted.Count - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /// <summary>
    /// The median of ascending <paramref name="sorted"/> values: the middle one, or the mean of the two middle
    /// ones, (a + b) / 2. That can differ from <c>Linear(sorted, 0.5)</c>, a + 0.5·(b − a), in the last bit.
    /// </summary>
    public static double Median(IReadOnlyList<double> sorted)
    {
        int n = sorted.Count;
        if (n == 0) throw new ArgumentException("no values to take the median of", nameof(sorted));
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
