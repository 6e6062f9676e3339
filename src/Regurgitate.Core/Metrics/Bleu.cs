using System.Globalization;
using Regurgitate.Metrics.Tokenizers;

namespace Regurgitate.Metrics;

/// <summary>
/// BLEU (Papineni et al., 2002) with sacreBLEU 2.x semantics. Segment statistics are
/// [hyp_len, ref_len, matches_1..N, totals_1..N]; matches are clipped by the largest count of
/// the n-gram in any one reference, and ref_len is the reference length closest to the
/// hypothesis length (the shorter one on ties).
/// </summary>
public sealed class Bleu : TranslationMetric
{
    readonly Tokenizer tokenizer;

    /// <summary>Creates BLEU with <paramref name="options"/> (sacreBLEU's defaults when null).</summary>
    public Bleu(BleuOptions? options = null)
    {
        Options = options ?? new BleuOptions();
        if (Options.MaxNgramOrder is < 1 or > 32) throw new ArgumentOutOfRangeException(nameof(options), "max n-gram order must be 1..32");
        tokenizer = Tokenizer.Create(Options.Tokenize);
    }

    /// <summary>The settings.</summary>
    public BleuOptions Options { get; }

    /// <inheritdoc/>
    public override string Name => "BLEU";

    /// <inheritdoc/>
    public override int StatisticsWidth => 2 + 2 * Options.MaxNgramOrder;

    /// <inheritdoc/>
    protected override IReadOnlyList<KeyValuePair<string, string>> SignatureFields()
    {
        string smooth = Options.Smoothing.Name();
        if (Options.Smoothing.DefaultValue() is double fallback)
            smooth += $"[{PythonFormat.Fixed(Options.SmoothValue ?? fallback, 2)}]";
        return
        [
            new("case", Options.Lowercase ? "lc" : "mixed"),
            new("eff", Options.EffectiveOrder ? "yes" : "no"),
            new("tok", tokenizer.Signature),
            new("smooth", smooth),
        ];
    }

    /// <summary>Lowercasing (optional) and tokenization of one segment, as BLEU sees it.</summary>
    public string Preprocess(string segment)
    {
        if (Options.Lowercase) segment = PythonText.Lower(segment);
        return tokenizer.Tokenize(PythonText.RStrip(segment));
    }

    /// <inheritdoc/>
    public override void SegmentStatistics(string hypothesis, IReadOnlyList<string> references, Span<double> statistics)
    {
        int maxOrder = Options.MaxNgramOrder;
        statistics.Clear();
        var scratch = NgramScratch.ForThisThread;
        scratch.Reset();
        // CountA: max count over references; CountB: count in the current reference; CountC: hypothesis count.
        int closestLength = -1, closestDiff = -1;
        string hyp = Preprocess(hypothesis);
        PythonText.Split(hyp, scratch.Ranges);
        int hypLength = scratch.Ranges.Count;

        foreach (var reference in references)
        {
            string text = Preprocess(reference);
            PythonText.Split(text, scratch.Ranges);
            int length = scratch.Ranges.Count;
            int diff = Math.Abs(hypLength - length);
            if (closestDiff == -1 || diff < closestDiff || (diff == closestDiff && length < closestLength))
            {
                closestDiff = diff;
                closestLength = length;
            }
            var symbols = scratch.TokenIds(text, scratch.Ranges, ref scratch.SymbolsA);
            scratch.NgramIds(symbols.AsSpan(0, length), maxOrder, 0);
            scratch.Touched.Clear();
            for (int order = 1; order <= maxOrder && order <= length; order++)
            {
                var ids = scratch.IdBuffers[order - 1];
                for (int i = 0; i <= length - order; i++)
                {
                    if (scratch.CountB[ids[i]]++ == 0) scratch.Touched.Add(ids[i]);
                }
            }
            foreach (int id in scratch.Touched)
            {
                if (scratch.CountB[id] > scratch.CountA[id]) scratch.CountA[id] = scratch.CountB[id];
                scratch.CountB[id] = 0;
            }
        }

        PythonText.Split(hyp, scratch.Ranges);
        var hypSymbols = scratch.TokenIds(hyp, scratch.Ranges, ref scratch.SymbolsA);
        scratch.NgramIds(hypSymbols.AsSpan(0, hypLength), maxOrder, 0);
        scratch.Touched.Clear();
        for (int order = 1; order <= maxOrder && order <= hypLength; order++)
        {
            var ids = scratch.IdBuffers[order - 1];
            for (int i = 0; i <= hypLength - order; i++)
            {
                if (scratch.CountC[ids[i]]++ == 0) scratch.Touched.Add(ids[i]);
            }
            statistics[2 + maxOrder + order - 1] = hypLength - order + 1;
        }
        foreach (int id in scratch.Touched)
            statistics[2 + scratch.OrderOf[id] - 1] += Math.Min(scratch.CountC[id], scratch.CountA[id]);

        statistics[0] = hypLength;
        statistics[1] = closestLength;
    }

    /// <inheritdoc/>
    public override MetricScore ScoreFromStatistics(ReadOnlySpan<double> totals, Signature signature)
    {
        int n = Options.MaxNgramOrder;
        return Compute(totals.Slice(2, n).ToArray(), totals.Slice(2 + n, n).ToArray(), (long)totals[0], (long)totals[1],
            Options.Smoothing, Options.SmoothValue, Options.EffectiveOrder, signature);
    }

    /// <summary>
    /// BLEU from its sufficient statistics, step for step as sacreBLEU's <c>compute_bleu</c>,
    /// including its quirks: no matches at all gives 0 whatever the smoothing; orders after the
    /// first with no hypothesis n-grams are skipped; log(0) is floored at -9999999999.
    /// </summary>
    public static BleuScore Compute(double[] correct, double[] total, long hypLength, long refLength,
        BleuSmoothing smoothing, double? smoothValue, bool effectiveOrder, Signature signature)
    {
        int maxOrder = correct.Length;
        double value = smoothValue ?? smoothing.DefaultValue() ?? 0;
        double bp = hypLength < refLength ? (hypLength > 0 ? Math.Exp(1 - (double)refLength / hypLength) : 0.0) : 1.0;
        var precisions = new double[maxOrder];
        correct = (double[])correct.Clone();
        total = (double[])total.Clone();
        if (correct.All(c => c == 0))
            return new BleuScore(0.0, correct, total, precisions, bp, hypLength, refLength, signature);

        double smoothMteval = 1;
        int order = maxOrder;
        for (int n = 1; n <= maxOrder; n++)
        {
            if (smoothing == BleuSmoothing.AddK && n > 1)
            {
                correct[n - 1] += value;
                total[n - 1] += value;
            }
            if (total[n - 1] == 0) break;
            if (effectiveOrder) order = n;
            if (correct[n - 1] == 0)
            {
                if (smoothing == BleuSmoothing.Exp)
                {
                    smoothMteval *= 2;
                    precisions[n - 1] = 100.0 / (smoothMteval * total[n - 1]);
                }
                else if (smoothing == BleuSmoothing.Floor)
                    precisions[n - 1] = 100.0 * value / total[n - 1];
            }
            else precisions[n - 1] = 100.0 * correct[n - 1] / total[n - 1];
        }

        double logSum = 0;
        for (int i = 0; i < order; i++) logSum += precisions[i] == 0 ? -9999999999 : Math.Log(precisions[i]);
        double score = bp * Math.Exp(logSum / order);
        return new BleuScore(score, correct, total, precisions, bp, hypLength, refLength, signature);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"BLEU({SignatureFor(1)})");
}
