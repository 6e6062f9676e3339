namespace Regurgitate.Quality;

/// <summary>The distribution of one score over a corpus: how many pairs have it, its mean and quantiles.</summary>
public sealed record ScoreSummary(string Name, int Count, double Mean, double P10, double P25, double Median, double P75, double P90)
{
    /// <summary>The summary of <paramref name="values"/> (missing and NaN values left out; all NaN when none is left).</summary>
    public static ScoreSummary Of(string name, IReadOnlyList<double?> values)
    {
        var present = values.Where(v => v is double x && !double.IsNaN(x)).Select(v => v!.Value).Order().ToArray();
        if (present.Length == 0) return new ScoreSummary(name, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        return new ScoreSummary(name, present.Length, present.Average(),
            Quantile(present, 0.10), Quantile(present, 0.25), Quantile(present, 0.5), Quantile(present, 0.75), Quantile(present, 0.90));
    }

    /// <summary>The <paramref name="q"/> quantile of sorted values, interpolated linearly (numpy's default).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        double position = q * (sorted.Count - 1);
        int low = (int)Math.Floor(position);
        int high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
