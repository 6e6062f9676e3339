namespace Regurgitate.Metrics;

/// <summary>
/// A corpus metric in sacreBLEU's design: each segment yields a fixed-width vector of sufficient
/// statistics, vectors are summed over the corpus, and the score is a function of the sum. That
/// makes resampling (bootstrap, approximate randomization) a matter of re-summing rows.
/// Implementations are immutable and safe to use from several threads.
/// </summary>
public abstract class TranslationMetric
{
    /// <summary>The score's name as sacreBLEU prints it: BLEU, chrF2, chrF2++, TER.</summary>
    public abstract string Name { get; }

    /// <summary>How many statistics one segment yields.</summary>
    public abstract int StatisticsWidth { get; }

    /// <summary>False for error rates (TER), where lower is better.</summary>
    public virtual bool HigherIsBetter => true;

    /// <summary>The signature for <paramref name="references"/> references per segment (-1: varies).</summary>
    public Signature SignatureFor(int references) =>
        new(references < 0 ? "var" : references.ToString(System.Globalization.CultureInfo.InvariantCulture), SignatureFields());

    /// <summary>This metric's own signature fields, in sacreBLEU's order.</summary>
    protected abstract IReadOnlyList<KeyValuePair<string, string>> SignatureFields();

    /// <summary>Writes the statistics of one segment against its (non-empty) references.</summary>
    public abstract void SegmentStatistics(string hypothesis, IReadOnlyList<string> references, Span<double> statistics);

    /// <summary>The score of summed statistics.</summary>
    public abstract MetricScore ScoreFromStatistics(ReadOnlySpan<double> totals, Signature signature);

    /// <summary>Per-segment statistics of a corpus: <paramref name="references"/> holds one stream per reference.</summary>
    public SufficientStatistics Statistics(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references) =>
        SufficientStatistics.Extract(this, hypotheses, references);

    /// <summary>The corpus score of <paramref name="hypotheses"/> against one or more reference streams.</summary>
    public MetricScore CorpusScore(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references) =>
        Statistics(hypotheses, references).Score();

    /// <summary>The corpus score against a single reference stream.</summary>
    public MetricScore CorpusScore(IReadOnlyList<string> hypotheses, IReadOnlyList<string> reference) =>
        CorpusScore(hypotheses, [reference]);

    /// <summary>The score of one segment against its references (as sacreBLEU's <c>sentence_score</c>).</summary>
    public MetricScore SentenceScore(string hypothesis, IReadOnlyList<string> references)
    {
        var present = references.Where(r => r.Length > 0).ToArray();
        if (present.Length == 0) throw new ArgumentException("the segment has no non-empty reference", nameof(references));
        Span<double> statistics = stackalloc double[StatisticsWidth];
        SegmentStatistics(hypothesis, present, statistics);
        return ScoreFromStatistics(statistics, SignatureFor(present.Length));
    }
}
