namespace Regurgitate.Statistics;

/// <summary>
/// The between-seed variance of a corpus score pooled over cells, Σ(nᵢ − 1)sᵢ² / Σ(nᵢ − 1), and Bartlett's
/// (1937) test that the cells share one variance. Two seeds per cell give each cell 1 degree of freedom;
/// pooled over twelve cells they give 12, which is what makes few-seed studies decidable at all. Pooling is
/// <see cref="Supported"/> only where Bartlett's test does not reject equal variances at the given level.
/// </summary>
public sealed record PooledSeedVariance(
    double Variance, double DegreesOfFreedom, int Cells, double BartlettStatistic, double BartlettP, bool Supported, string Reason)
{
    /// <summary>
    /// Pools the seed variance of <paramref name="conditions"/> (every condition of <paramref name="draws"/> when
    /// null); cells with one seed carry no seed variance and are skipped.
    /// </summary>
    public static PooledSeedVariance Estimate(BootstrapDraws draws, IEnumerable<string>? conditions = null, double alpha = 0.05)
    {
        var cells = (conditions ?? draws.Conditions).Select(draws.IndexOf).Select(i => draws.SeedScores[i]).Where(s => s.Length >= 2).ToArray();
        if (cells.Length == 0) return new PooledSeedVariance(double.NaN, 0, 0, double.NaN, double.NaN, false, "no cell has two seeds");
        var variances = cells.Select(s => { double m = s.Average(); return s.Sum(v => (v - m) * (v - m)) / (s.Length - 1); }).ToArray();
        double df = cells.Sum(s => s.Length - 1.0);
        double pooled = cells.Select((s, i) => (s.Length - 1) * variances[i]).Sum() / df;
        if (cells.Length < 2) return new PooledSeedVariance(pooled, df, 1, double.NaN, double.NaN, false, "one cell: nothing to pool with");
        if (variances.Any(v => v <= 0))
            return new PooledSeedVariance(pooled, df, cells.Length, double.NaN, double.NaN, false, "a cell's seeds score identically, so equal variances cannot be tested");
        // Bartlett: T = [(N − k) ln s_p² − Σ (nᵢ − 1) ln sᵢ²] / C,  C = 1 + (Σ 1/(nᵢ − 1) − 1/(N − k)) / (3(k − 1)),  T ~ χ²(k − 1).
        int k = cells.Length;
        double numerator = df * Math.Log(pooled) - cells.Select((s, i) => (s.Length - 1) * Math.Log(variances[i])).Sum();
        double correction = 1 + (cells.Sum(s => 1.0 / (s.Length - 1)) - 1 / df) / (3.0 * (k - 1));
        double statistic = numerator / correction;
        double p = ChiSquaredDistribution.UpperTail(statistic, k - 1);
        bool supported = p >= alpha;
        string reason = supported
            ? $"Bartlett's test does not reject equal seed variances across {k} cells (p = {p:0.###})"
            : $"Bartlett's test rejects equal seed variances across {k} cells (p = {p:0.###}): each comparison uses its own seeds";
        return new PooledSeedVariance(pooled, df, k, statistic, p, supported, reason);
    }
}
