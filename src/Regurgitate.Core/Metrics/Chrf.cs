using Regurgitate.Metrics.Tokenizers;

namespace Regurgitate.Metrics;

/// <summary>
/// chrF (Popović, 2015) and chrF++ (Popović, 2017) with sacreBLEU 2.x semantics. Per order
/// (character orders first, then word orders) a segment yields [hypothesis n-grams, reference
/// n-grams, matches]; with several references the one with the best segment F-score is kept.
/// </summary>
public sealed class Chrf : TranslationMetric
{
    // Python's string.punctuation, which chrF++ splits off the start or end of words.
    const string Punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /// <summary>Creates chrF with <paramref name="options"/> (sacreBLEU's chrF when null).</summary>
    public Chrf(ChrfOptions? options = null)
    {
        Options = options ?? new ChrfOptions();
        if (Options.CharOrder is < 0 or > 32 || Options.WordOrder is < 0 or > 32 || Options.CharOrder + Options.WordOrder == 0)
            throw new ArgumentOutOfRangeException(nameof(options), "orders must be 0..32 and not both 0");
    }

    /// <summary>The settings.</summary>
    public ChrfOptions Options { get; }

    int Order => Options.CharOrder + Options.WordOrder;

    /// <inheritdoc/>
    public override string Name => $"chrF{Options.Beta}" + new string('+', Options.WordOrder);

    /// <inheritdoc/>
    public override int StatisticsWidth => 3 * Order;

    /// <inheritdoc/>
    protected override IReadOnlyList<KeyValuePair<string, string>> SignatureFields() =>
    [
        new("case", Options.Lowercase ? "lc" : "mixed"),
        new("eff", Options.EpsSmoothing ? "no" : "yes"),
        new("nc", Options.CharOrder.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("nw", Options.WordOrder.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("space", Options.Whitespace ? "yes" : "no"),
    ];

    /// <inheritdoc/>
    public override void SegmentStatistics(string hypothesis, IReadOnlyList<string> references, Span<double> statistics)
    {
        var scratch = NgramScratch.ForThisThread;
        scratch.Reset();
        int order = Order, charOrder = Options.CharOrder, wordOrder = Options.WordOrder;
        // CountC holds hypothesis counts, CountB the current reference's.
        var hyp = Extract(Preprocess(hypothesis), scratch, countIntoB: false);

        Span<double> candidate = stackalloc double[3 * order];
        double bestF = -1;
        foreach (var reference in references)
        {
            candidate.Clear();
            var touched = new List<int>();
            var refLengths = Extract(Preprocess(reference), scratch, countIntoB: true, touched);
            for (int k = 0; k < order; k++)
            {
                int hypLength = k < charOrder ? hyp.Chars : hyp.Words;
                int refLength = k < charOrder ? refLengths.Chars : refLengths.Words;
                int n = k < charOrder ? k + 1 : k - charOrder + 1;
                int refNgrams = Math.Max(0, refLength - n + 1);
                // sacreBLEU counts no hypothesis n-grams for an order the reference lacks.
                candidate[3 * k] = refNgrams > 0 ? Math.Max(0, hypLength - n + 1) : 0;
                candidate[3 * k + 1] = refNgrams;
            }
            foreach (int id in touched)
            {
                int k = scratch.OrderOf[id];
                candidate[3 * k + 2] += Math.Min(scratch.CountB[id], scratch.CountC[id]);
                scratch.CountB[id] = 0;
            }
            double f = FScore(candidate);
            if (f > bestF)
            {
                bestF = f;
                candidate.CopyTo(statistics);
            }
        }
    }

    string Preprocess(string segment) => Options.Lowercase ? PythonText.Lower(segment) : segment;

    // Counts the character and word n-grams of a segment into countInto; OrderOf maps an id to its
    // statistics slot (0-based: character orders, then word orders).
    (int Chars, int Words) Extract(string text, NgramScratch scratch, bool countIntoB, List<int>? touched = null)
    {
        int charOrder = Options.CharOrder, wordOrder = Options.WordOrder;
        int chars = 0;
        if (charOrder > 0)
        {
            if (scratch.SymbolsB.Length < text.Length) scratch.SymbolsB = new int[text.Length * 2];
            foreach (var rune in text.EnumerateRunes())
            {
                if (!Options.Whitespace && PythonText.IsSpace(rune.Value)) continue;
                scratch.SymbolsB[chars++] = rune.Value;
            }
            scratch.NgramIds(scratch.SymbolsB.AsSpan(0, chars), charOrder, 0);
            Count(scratch, chars, charOrder, 0, countIntoB, touched);
        }
        int words = 0;
        if (wordOrder > 0)
        {
            var list = SplitPunctuation(text);
            if (scratch.SymbolsA.Length < list.Count) scratch.SymbolsA = new int[list.Count * 2];
            for (int i = 0; i < list.Count; i++) scratch.SymbolsA[i] = scratch.TokenId(list[i]);
            words = list.Count;
            scratch.NgramIds(scratch.SymbolsA.AsSpan(0, words), wordOrder, 1);
            Count(scratch, words, wordOrder, charOrder, countIntoB, touched);
        }
        return (chars, words);
    }

    static void Count(NgramScratch scratch, int length, int maxOrder, int slotOffset, bool countIntoB, List<int>? touched)
    {
        // Read the array after NgramIds: it may have grown the counters.
        var countInto = countIntoB ? scratch.CountB : scratch.CountC;
        for (int n = 1; n <= maxOrder && n <= length; n++)
        {
            var ids = scratch.IdBuffers[n - 1];
            for (int i = 0; i <= length - n; i++)
            {
                int id = ids[i];
                scratch.OrderOf[id] = slotOffset + n - 1;
                if (countInto[id]++ == 0) touched?.Add(id);
            }
        }
    }

    /// <summary>chrF++'s word split: whitespace, then one ASCII punctuation mark off a word's end, or else its start.</summary>
    public static List<string> SplitPunctuation(string text)
    {
        var words = new List<string>();
        foreach (var w in PythonText.Split(text))
        {
            if (w.Length == 1) words.Add(w);
            else if (Punctuation.Contains(w[^1]))
            {
                words.Add(w[..^1]);
                words.Add(w[^1..]);
            }
            else if (Punctuation.Contains(w[0]))
            {
                words.Add(w[..1]);
                words.Add(w[1..]);
            }
            else words.Add(w);
        }
        return words;
    }

    double FScore(ReadOnlySpan<double> statistics) => FScore(statistics, Options.Beta, Options.EpsSmoothing);

    /// <summary>sacreBLEU's <c>_compute_f_score</c>: averaged precision and recall over effective orders, or eps-smoothed per-order F.</summary>
    public static double FScore(ReadOnlySpan<double> statistics, int beta, bool epsSmoothing)
    {
        const double eps = 1e-16;
        int order = statistics.Length / 3;
        double factor = (double)beta * beta;
        double score = 0, avgPrecision = 0, avgRecall = 0;
        int effectiveOrder = 0;
        for (int i = 0; i < order; i++)
        {
            double hyp = statistics[3 * i], reference = statistics[3 * i + 1], match = statistics[3 * i + 2];
            double precision = hyp > 0 ? match / hyp : eps;
            double recall = reference > 0 ? match / reference : eps;
            double denominator = factor * precision + recall;
            score += denominator > 0 ? (1 + factor) * precision * recall / denominator : eps;
            if (hyp > 0 && reference > 0)
            {
                avgPrecision += precision;
                avgRecall += recall;
                effectiveOrder++;
            }
        }
        if (epsSmoothing) return 100 * score / order;
        if (effectiveOrder == 0) avgPrecision = avgRecall = 0;
        else
        {
            avgPrecision /= effectiveOrder;
            avgRecall /= effectiveOrder;
        }
        if (avgPrecision + avgRecall == 0) return 0.0;
        return 100 * ((1 + factor) * avgPrecision * avgRecall / (factor * avgPrecision + avgRecall));
    }

    /// <inheritdoc/>
    public override MetricScore ScoreFromStatistics(ReadOnlySpan<double> totals, Signature signature) =>
        new ChrfScore(Name, FScore(totals), Options.CharOrder, Options.WordOrder, Options.Beta, signature);
}
