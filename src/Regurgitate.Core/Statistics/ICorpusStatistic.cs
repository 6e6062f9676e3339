namespace Regurgitate.Statistics;

/// <summary>
/// A corpus-level score computed from per-sentence sufficient statistics summed over any multiset of
/// sentences, as sacreBLEU's metrics are: a resample is scored by re-summing rows, never by re-reading text.
/// </summary>
public interface ICorpusStatistic
{
    /// <summary>The score's name in reports (BLEU, chrF2, NLL/token).</summary>
    string Name { get; }

    /// <summary>Statistics per sentence.</summary>
    int Width { get; }

    /// <summary>The corpus score of summed statistics.</summary>
    double Score(ReadOnlySpan<double> totals);

    /// <summary>The range no score leaves (BLEU, chrF: [0, 100]); intervals of scores are kept inside it.</summary>
    (double Low, double High) Range { get; }

    /// <summary>False where lower is better (TER, NLL): a positive difference then reads as <i>worse</i>.</summary>
    bool HigherIsBetter { get; }
}
