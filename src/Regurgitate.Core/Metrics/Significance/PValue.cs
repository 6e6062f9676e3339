namespace Regurgitate.Metrics.Significance;

/// <summary>sacreBLEU's p-value, after multeval's StratifiedApproximateRandomizationTest.</summary>
public static class PValue
{
    /// <summary>
    /// (c + 1) / (n + 1), where c counts sample statistics strictly greater than the real one: the
    /// strict inequality keeps a system compared with itself from looking significant, and the +1
    /// keeps the false-rejection rate at most the test level.
    /// </summary>
    public static double FromSamples(ReadOnlySpan<double> sampleStatistics, double realStatistic)
    {
        int count = 0;
        foreach (double s in sampleStatistics) if (s > realStatistic) count++;
        return (count + 1.0) / (sampleStatistics.Length + 1.0);
    }
}
