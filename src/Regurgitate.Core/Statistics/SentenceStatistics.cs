using Regurgitate.Metrics;

namespace Regurgitate.Statistics;

/// <summary>
/// One trained system's (one seed's) per-sentence sufficient statistics on the shared test set: a row
/// of <see cref="Width"/> values per sentence, row-major. Every seed of every compared condition is
/// scored against the same references, so sentence i means the same source in all of them.
/// </summary>
public sealed class SentenceStatistics
{
    SentenceStatistics(double[] values, int width)
    {
        if (width <= 0 || values.Length % width != 0) throw new ArgumentException($"{values.Length} values do not make rows of {width}", nameof(values));
        Values = values;
        Width = width;
    }

    /// <summary>All rows, row-major.</summary>
    public double[] Values { get; }

    /// <summary>Statistics per sentence.</summary>
    public int Width { get; }

    /// <summary>Number of sentences.</summary>
    public int Sentences => Values.Length / Width;

    /// <summary>Rows of <paramref name="width"/> statistics each, copied.</summary>
    public static SentenceStatistics FromRows(ReadOnlySpan<double> rowMajor, int width) => new(rowMajor.ToArray(), width);

    /// <summary>A metric's per-segment statistics (BLEU: lengths, n-gram matches and totals; chrF: its character and word n-gram counts).</summary>
    public static SentenceStatistics From(SufficientStatistics statistics) => new((double[])statistics.Values.Clone(), statistics.Width);

    /// <summary>Per-sentence scores averaged over sentences (rows [score, 1]), for <see cref="RatioStatistic"/>.</summary>
    public static SentenceStatistics FromScores(IReadOnlyList<double> scores) => FromRatios(scores, Enumerable.Repeat(1.0, scores.Count).ToArray());

    /// <summary>Per-sentence numerators and denominators (rows [NLL, tokens]), for <see cref="RatioStatistic"/>.</summary>
    public static SentenceStatistics FromRatios(IReadOnlyList<double> numerators, IReadOnlyList<double> denominators)
    {
        if (numerators.Count != denominators.Count) throw new ArgumentException($"{numerators.Count} numerators against {denominators.Count} denominators", nameof(denominators));
        var values = new double[2 * numerators.Count];
        for (int i = 0; i < numerators.Count; i++) { values[2 * i] = numerators[i]; values[2 * i + 1] = denominators[i]; }
        return new SentenceStatistics(values, 2);
    }
}
