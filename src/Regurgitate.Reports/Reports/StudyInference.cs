using Regurgitate.RunDirectories;
using Regurgitate.Statistics;

namespace Regurgitate.Reports;

/// <summary>
/// The inference behind a report's numbers (docs/statistics.md): for each metric, one two-level bootstrap over
/// the seeds and test sentences of every finished cell (condition × size) at once, so every interval, difference
/// and derived quantity of the report comes from the same resamples; and the seed variance pooled over all cells
/// where Bartlett's test allows it. A cell is named <c>condition @ size</c> in the draws.
/// </summary>
public sealed class StudyInference
{
    readonly Dictionary<StudyMetric, (BootstrapDraws Draws, PooledSeedVariance Pool)> metrics = [];

    StudyInference(AnalysisSettings settings) => Settings = settings;

    /// <summary>The margin, level and power the spec's <c>analysis:</c> set.</summary>
    public AnalysisSettings Settings { get; }

    /// <summary>Resamples per bootstrap.</summary>
    public const int Resamples = HierarchicalBootstrap.DefaultResamples;

    /// <summary>The bootstrap's random seed (fixed, so a rebuilt report states the same numbers).</summary>
    public const int Seed = 12345;

    /// <summary>The metrics with sentence statistics in this run (BLEU and chrF when translations exist; NLL when recorded).</summary>
    public IReadOnlyCollection<StudyMetric> Metrics => metrics.Keys;

    /// <summary>A cell's name in the draws.</summary>
    public static string CellName(string condition, int size) => $"{condition} @ {size}";

    /// <summary>Resamples every finished cell with statistics, decided as the run's spec.yaml's <c>analysis:</c> says.</summary>
    public static StudyInference Of(RunDirectory run, CellStatistics statistics) =>
        Of(run, statistics, AnalysisSettings.FromSpec(run.Spec, new RunLayout(run.Path).Spec));

    /// <summary>Resamples every finished cell with statistics; a metric without any is left out.</summary>
    public static StudyInference Of(RunDirectory run, CellStatistics statistics, AnalysisSettings settings)
    {
        var inference = new StudyInference(settings);
        foreach (var metric in Enum.GetValues<StudyMetric>())
        {
            var cells = run.Cells.Where(c => c.Done).GroupBy(c => CellName(c.Condition, c.Size))
                .Select(g => new ConditionSeeds(g.Key, g.OrderBy(c => c.Seed).Select(c => statistics.Of(metric, c.Cell)).OfType<SentenceStatistics>().ToList()))
                .Where(c => c.Seeds.Count > 0).ToList();
            if (cells.Count == 0) continue;
            var draws = HierarchicalBootstrap.Run(cells, metric.Statistic(), Resamples, Seed);
            inference.metrics[metric] = (draws, PooledSeedVariance.Estimate(draws, alpha: settings.Alpha));
        }
        return inference;
    }

    /// <summary>The draws of <paramref name="metric"/>, or null when the run lacks its statistics.</summary>
    public BootstrapDraws? Draws(StudyMetric metric) => metrics.TryGetValue(metric, out var m) ? m.Draws : null;

    /// <summary>The pooled seed variance of <paramref name="metric"/>, or null.</summary>
    public PooledSeedVariance? Pool(StudyMetric metric) => metrics.TryGetValue(metric, out var m) ? m.Pool : null;

    /// <summary>Each seed's corpus score of the cell (empty when it has no statistics).</summary>
    public IReadOnlyList<double> SeedScores(StudyMetric metric, string condition, int size) =>
        Has(metric, condition, size) ? Draws(metric)!.SeedScores[Draws(metric)!.IndexOf(CellName(condition, size))] : [];

    /// <summary>Whether <paramref name="metric"/> has statistics for the cell.</summary>
    public bool Has(StudyMetric metric, string condition, int size) =>
        Draws(metric) is { } draws && draws.Conditions.Contains(CellName(condition, size));

    /// <summary>The cell's score with its interval, or null when the cell has no statistics.</summary>
    public CellScore? Score(StudyMetric metric, string condition, int size) =>
        Has(metric, condition, size) ? CellScore.Estimate(Draws(metric)!, CellName(condition, size), Pool(metric)) : null;

    /// <summary>Cell a − cell b on <paramref name="metric"/>, or null when either lacks statistics.</summary>
    public PairedComparison? Compare(StudyMetric metric, string a, int sizeA, string b, int sizeB)
    {
        if (!Has(metric, a, sizeA) || !Has(metric, b, sizeB)) return null;
        double margin = metric == StudyMetric.Nll ? Settings.NllMargin : Settings.EquivalenceMargin;
        return PairedComparison.Compare(Draws(metric)!, CellName(a, sizeA), CellName(b, sizeB), margin, Pool(metric));
    }
}
