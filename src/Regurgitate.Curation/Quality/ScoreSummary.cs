using Regurgitate.Statistics;

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
            Quantiles.Linear(present, 0.10), Quantiles.Linear(present, 0.25), Quantiles.Linear(present, 0.5), Quantiles.Linear(present, 0.75),
            Quantiles.Linear(present, 0.90));
    }
}
