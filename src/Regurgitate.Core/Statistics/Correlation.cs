namespace Regurgitate.Statistics;

/// <summary>Pearson's and Spearman's correlation of paired values.</summary>
public static class Correlation
{
    /// <summary>
    /// The fewest pairs a correlation is reported for: with two, r is ±1 whatever the data, so it says nothing.
    /// Fewer pairs give NaN.
    /// </summary>
    public const int MinimumPairs = 3;

    /// <summary>Pearson's r of <paramref name="x"/> and <paramref name="y"/> (NaN with fewer than <see cref="MinimumPairs"/> pairs or no spread).</summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException($"{x.Count} values against {y.Count}", nameof(y));
        if (x.Count < MinimumPairs) return double.NaN;
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>
    /// Spearman's ρ: Pearson's r of the values' ranks, ties given their average rank (as scipy.stats.spearmanr).
    /// NaN with fewer than <see cref="MinimumPairs"/> pairs or when either side is constant.
    /// </summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException($"{x.Count} values against {y.Count}", nameof(y));
        return Pearson(Ranks.Of(x), Ranks.Of(y));
    }
}
