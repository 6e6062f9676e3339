using Regurgitate.Metrics;
using Regurgitate.Statistics;

namespace Regurgitate.Reports;

/// <summary>The test-set scores a study's comparisons are made on.</summary>
public enum StudyMetric
{
    /// <summary>Corpus BLEU of the students' translations (the paper's metric; verdicts are stated on it).</summary>
    Bleu,
    /// <summary>Corpus chrF of the students' translations.</summary>
    Chrf,
    /// <summary>NLL per target token of the human references under each student (lower is better).</summary>
    Nll,
}

/// <summary>The resampled statistic and the name in tables of each <see cref="StudyMetric"/>.</summary>
public static class StudyMetrics
{
    /// <summary>The statistic the bootstrap re-sums.</summary>
    public static ICorpusStatistic Statistic(this StudyMetric metric) => metric switch
    {
        StudyMetric.Bleu => new MetricStatistic(new Bleu()),
        StudyMetric.Chrf => new MetricStatistic(new Chrf()),
        _ => RatioStatistic.NllPerToken,
    };

    /// <summary>The name tables use.</summary>
    public static string Label(this StudyMetric metric) => metric switch
    {
        StudyMetric.Bleu => "BLEU",
        StudyMetric.Chrf => "chrF",
        _ => "NLL/token",
    };
}
