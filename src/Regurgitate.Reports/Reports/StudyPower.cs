using Regurgitate.Statistics;

namespace Regurgitate.Reports;

/// <summary>
/// Seeds a study needs, from a finished run's own variance (<c>regurg study power RUN</c>): for each comparison of the
/// report's families (every gap to human; every strategy against its baselines), the seeds per condition that would
/// detect a difference of <see cref="Effect"/> BLEU, two-sided at α divided by the family's size (Holm's first step,
/// so it holds for every member) with the given power. The per-seed variance is the run's (pooled where Bartlett's
/// test allows) and the sentence variance the test set's, which more seeds do not reduce.
/// </summary>
public sealed record StudyPower(double Effect, double Alpha, double Power, IReadOnlyList<PowerRow> Rows, PooledSeedVariance? Pool)
{
    /// <summary>The rows for <paramref name="analysis"/>; <paramref name="effect"/> defaults to the spec's equivalence margin, α and power to its analysis settings.</summary>
    public static StudyPower Of(StudyAnalysis analysis, double? effect = null, double? alpha = null, double? power = null)
    {
        double b = effect ?? analysis.Settings.EquivalenceMargin, a = alpha ?? analysis.Settings.Alpha, p = power ?? analysis.Settings.Power;
        var rows = new List<PowerRow>();
        void Family(string family, IReadOnlyList<(string Label, PairedComparison Comparison)> members)
        {
            foreach (var (label, c) in members)
                rows.Add(new PowerRow(family, label, c.Difference, c.SeedsA, c.SeedsB, Math.Sqrt(c.PerSeedVariance), Math.Sqrt(c.SentenceVariance),
                    double.IsNaN(c.PerSeedVariance) ? null : SeedPlanning.SeedsNeeded(c.PerSeedVariance, c.SentenceVariance, c.Sentences, b, a / members.Count, p)));
        }
        Family("gap to human", analysis.Gaps.Select(g => ($"{g.Condition} − human at {ReportFormat.Count(g.Size)}", g.Difference)).ToList());
        Family("strategy", analysis.Strategies.Select(s => ($"{s.Strategy} − {s.Baseline} at {ReportFormat.Count(s.Size)}", s.Difference)).ToList());
        return new StudyPower(b, a, p, rows, analysis.Inference.Pool(StudyMetric.Bleu));
    }

    /// <summary>
    /// The expected half-width of a 95% interval of a gap between two cells with <paramref name="seeds"/> seeds each, from a
    /// run's variance: t(0.975, df)·√(2σ²/k + V_sent), with the per-seed variance pooled over its cells and the median
    /// sentence variance of its gaps. Null when the run has no seed variance or no gap, or for one seed.
    /// </summary>
    public static double? ExpectedHalfWidth(StudyInference inference, IReadOnlyList<GapToHuman> gaps, int seeds)
    {
        var pool = inference.Pool(StudyMetric.Bleu);
        // One seed per cell leaves no seed variance to test with.
        if (pool is null || double.IsNaN(pool.Variance) || gaps.Count == 0 || seeds < 2) return null;
        double sentenceVariance = Quantiles.Median(gaps.Select(g => g.Difference.SentenceVariance).Order().ToList());
        // As the report will: the seed variance pooled over the run's cells ((k − 1) degrees of freedom each) where Bartlett
        // allowed it, else the two cells' own 2(k − 1).
        double seedDf = pool.Supported ? pool.Cells * (seeds - 1.0) : 2.0 * (seeds - 1);
        var (variance, df) = SeedPlanning.DifferenceVariance(pool.Variance, seeds, seedDf, sentenceVariance, gaps[0].Difference.Sentences);
        return TDistribution.Quantile(0.975, df) * Math.Sqrt(variance);
    }
}

/// <summary>One comparison's planning row: its observed difference, its variance parts and the seeds per condition it needs (null: no number of seeds would do, or no seed variance).</summary>
public sealed record PowerRow(string Family, string Comparison, double Difference, int SeedsA, int SeedsB, double SeedDeviation, double SentenceDeviation, int? SeedsNeeded);
