using Regurgitate.Metrics.Tokenizers;

namespace Regurgitate.Metrics;

/// <summary>
/// Translation edit rate (Snover et al., 2006) as sacreBLEU 2.x computes it: Tercom's greedy
/// block shifts plus a beam-limited edit distance. Segment statistics are [fewest edits over the
/// references, average reference length].
/// </summary>
public sealed class Ter : TranslationMetric
{
    readonly TercomTokenizer tokenizer;

    /// <summary>Creates TER with <paramref name="options"/> (Tercom's defaults when null).</summary>
    public Ter(TerOptions? options = null)
    {
        Options = options ?? new TerOptions();
        tokenizer = new TercomTokenizer(Options.Normalized, Options.NoPunct, Options.AsianSupport, Options.CaseSensitive);
    }

    /// <summary>The settings.</summary>
    public TerOptions Options { get; }

    /// <inheritdoc/>
    public override string Name => "TER";

    /// <inheritdoc/>
    public override int StatisticsWidth => 2;

    /// <inheritdoc/>
    public override bool HigherIsBetter => false;

    /// <inheritdoc/>
    protected override IReadOnlyList<KeyValuePair<string, string>> SignatureFields() =>
    [
        new("case", Options.CaseSensitive ? "mixed" : "lc"),
        new("tok", tokenizer.Signature),
        new("norm", Options.Normalized ? "yes" : "no"),
        new("punct", Options.NoPunct ? "no" : "yes"),
        new("asian", Options.AsianSupport ? "yes" : "no"),
    ];

    int[] Words(string segment, NgramScratch scratch)
    {
        string text = tokenizer.Tokenize(PythonText.RStrip(segment));
        PythonText.Split(text, scratch.Ranges);
        var ids = new int[scratch.Ranges.Count];
        for (int i = 0; i < ids.Length; i++) ids[i] = scratch.TokenId(text.AsSpan()[scratch.Ranges[i]]);
        return ids;
    }

    /// <inheritdoc/>
    public override void SegmentStatistics(string hypothesis, IReadOnlyList<string> references, Span<double> statistics)
    {
        var scratch = NgramScratch.ForThisThread;
        scratch.Reset();
        var hyp = Words(hypothesis, scratch);
        long best = long.MaxValue;
        double referenceLengths = 0;
        foreach (var reference in references)
        {
            var words = Words(reference, scratch);
            var (edits, length) = TranslationEditRate.Compute(hyp, words);
            referenceLengths += length;
            if (edits < best) best = edits;
        }
        statistics[0] = best;
        statistics[1] = referenceLengths / references.Count;
    }

    /// <inheritdoc/>
    public override MetricScore ScoreFromStatistics(ReadOnlySpan<double> totals, Signature signature)
    {
        double edits = totals[0], referenceLength = totals[1];
        double score = referenceLength > 0 ? edits / referenceLength
            : edits > 0 ? 1.0   // empty references, non-empty hypothesis
            : 0.0;
        return new TerScore(100 * score, edits, referenceLength, signature);
    }
}
