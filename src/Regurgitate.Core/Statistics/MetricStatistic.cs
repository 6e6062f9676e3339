using Regurgitate.Metrics;

namespace Regurgitate.Statistics;

/// <summary>A sacreBLEU-style <see cref="TranslationMetric"/> (BLEU, chrF, TER) as an <see cref="ICorpusStatistic"/>.</summary>
public sealed class MetricStatistic(TranslationMetric metric) : ICorpusStatistic
{
    readonly Signature signature = metric.SignatureFor(1);

    /// <summary>The metric whose statistics are summed.</summary>
    public TranslationMetric Metric { get; } = metric;

    /// <inheritdoc/>
    public string Name => Metric.Name;

    /// <inheritdoc/>
    public int Width => Metric.StatisticsWidth;

    /// <inheritdoc/>
    public double Score(ReadOnlySpan<double> totals) => Metric.ScoreFromStatistics(totals, signature).Score;

    /// <inheritdoc/>
    // TER is an edit rate and can exceed 100; the others are percentages.
    public (double Low, double High) Range => Metric.HigherIsBetter ? (0, 100) : (0, double.PositiveInfinity);

    /// <inheritdoc/>
    public bool HigherIsBetter => Metric.HigherIsBetter;
}
