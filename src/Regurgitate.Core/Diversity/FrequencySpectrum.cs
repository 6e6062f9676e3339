namespace Regurgitate.Diversity;

/// <summary>
/// The frequency spectrum of a text — how many types occur once, twice, ... (Baayen's V(m, N)) —
/// and the lexical diversity measures that depend on nothing else: TTR, root TTR, Yule's K,
/// unigram entropy, hapax ratio and HD-D.
/// </summary>
public sealed class FrequencySpectrum
{
    readonly int[] frequencies;  // distinct type frequencies m, ascending
    readonly int[] typeCounts;   // V(m): how many types occur exactly m times

    FrequencySpectrum(int[] frequencies, int[] typeCounts, long tokens, int types)
    {
        this.frequencies = frequencies;
        this.typeCounts = typeCounts;
        Tokens = tokens;
        Types = types;
    }

    /// <summary>N: the number of tokens.</summary>
    public long Tokens { get; }

    /// <summary>V: the number of distinct types (the vocabulary size).</summary>
    public int Types { get; }

    /// <summary>V(1): the number of types that occur exactly once (hapax legomena).</summary>
    public int Hapaxes => frequencies.Length > 0 && frequencies[0] == 1 ? typeCounts[0] : 0;

    /// <summary>The spectrum of a token sequence.</summary>
    public static FrequencySpectrum FromTokens(IEnumerable<string> tokens)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in tokens) counts[token] = counts.GetValueOrDefault(token) + 1;
        return FromTypeFrequencies(counts.Values);
    }

    /// <summary>The spectrum given each type's frequency (every value must be at least 1).</summary>
    public static FrequencySpectrum FromTypeFrequencies(IEnumerable<int> typeFrequencies)
    {
        var byFrequency = new SortedDictionary<int, int>();
        long tokens = 0;
        int types = 0;
        foreach (int f in typeFrequencies)
        {
            if (f < 1) throw new ArgumentOutOfRangeException(nameof(typeFrequencies), f, "a type occurs at least once");
            byFrequency[f] = byFrequency.GetValueOrDefault(f) + 1;
            tokens += f;
            types++;
        }
        return new FrequencySpectrum(byFrequency.Keys.ToArray(), byFrequency.Values.ToArray(), tokens, types);
    }

    /// <summary>
    /// Builds the spectrum from the counts of the types seen, using <paramref name="scratch"/>
    /// (all zeros, returned all zeros) as a frequency-indexed tally: the bootstrap's hot path.
    /// </summary>
    internal static FrequencySpectrum FromCounts(ReadOnlySpan<int> typeFrequencies, ref int[] scratch)
    {
        long tokens = 0;
        int maxFrequency = 0;
        foreach (int f in typeFrequencies)
        {
            tokens += f;
            if (f > maxFrequency) maxFrequency = f;
        }
        if (scratch.Length <= maxFrequency) scratch = new int[Math.Max(maxFrequency + 1, scratch.Length * 2)];
        int distinct = 0;
        foreach (int f in typeFrequencies)
            if (scratch[f]++ == 0) distinct++;
        var frequencies = new int[distinct];
        var typeCounts = new int[distinct];
        int k = 0;
        for (int f = 1; f <= maxFrequency && k < distinct; f++)
        {
            if (scratch[f] == 0) continue;
            frequencies[k] = f;
            typeCounts[k] = scratch[f];
            scratch[f] = 0;
            k++;
        }
        return new FrequencySpectrum(frequencies, typeCounts, tokens, typeFrequencies.Length);
    }

    /// <summary>Type-token ratio V/N; NaN for an empty text.</summary>
    public double TypeTokenRatio => Tokens == 0 ? double.NaN : (double)Types / Tokens;

    /// <summary>Root TTR V/√N (Guiraud 1954, "Les caractères statistiques du vocabulaire"); NaN for an empty text.</summary>
    public double RootTypeTokenRatio => Tokens == 0 ? double.NaN : Types / Math.Sqrt(Tokens);

    /// <summary>Hapax ratio V(1)/V: the share of the vocabulary seen exactly once; NaN for an empty text.</summary>
    public double HapaxRatio => Types == 0 ? double.NaN : (double)Hapaxes / Types;

    /// <summary>
    /// Yule's characteristic K (Yule 1944, "The Statistical Study of Literary Vocabulary"):
    /// K = 10⁴ · (M₂ − M₁) / M₁², with M₁ = N and M₂ = Σₘ m²·V(m). Lower K means a more diverse
    /// text; K is 0 when every token is a different type. NaN for an empty text.
    /// </summary>
    public double YulesK
    {
        get
        {
            if (Tokens == 0) return double.NaN;
            double m2 = 0;
            for (int i = 0; i < frequencies.Length; i++) m2 += (double)frequencies[i] * frequencies[i] * typeCounts[i];
            double n = Tokens;
            return 1e4 * (m2 - n) / (n * n);
        }
    }

    /// <summary>
    /// Shannon entropy of the unigram distribution in bits: H = −Σ p·log₂p with p = m/N, computed
    /// as log₂N − Σₘ V(m)·m·log₂m / N. 0 for a text of one type; NaN for an empty text.
    /// </summary>
    public double Entropy
    {
        get
        {
            if (Tokens == 0) return double.NaN;
            double sum = 0;
            for (int i = 0; i < frequencies.Length; i++) sum += (double)typeCounts[i] * frequencies[i] * Math.Log2(frequencies[i]);
            return Math.Max(0, Math.Log2(Tokens) - sum / Tokens);
        }
    }

    /// <summary>
    /// HD-D (McCarthy &amp; Jarvis 2007, "vocd: A theoretical and empirical evaluation", Language
    /// Testing 24(4); as operationalised in McCarthy &amp; Jarvis 2010): for each type of frequency m,
    /// the hypergeometric probability that a random draw of <paramref name="sampleSize"/> tokens
    /// without replacement contains it at least once, 1 − C(N−m, n)/C(N, n), divided by n and
    /// summed over types — the expected TTR of an n-token sample (multiply by n for the expected
    /// number of types). NaN when the text has fewer than n tokens: no such sample exists.
    /// </summary>
    public double Hdd(int sampleSize = 42)
    {
        if (sampleSize < 1) throw new ArgumentOutOfRangeException(nameof(sampleSize), sampleSize, "the sample holds at least one token");
        if (Tokens < sampleSize) return double.NaN;
        double n = Tokens;
        // P(no occurrence) of a type of frequency m is P0(m) = C(N−m, s)/C(N, s). Consecutive
        // values telescope: P0(m)/P0(m−1) = (N−m+1−s)/(N−m+1), so walking m upwards through the
        // (ascending) frequencies costs one multiplication per step and never forms a binomial
        // coefficient, which would overflow. P0 reaches 0 once N−m < s.
        double sum = 0;
        double absent = 1;
        int m = 0;
        for (int i = 0; i < frequencies.Length; i++)
        {
            for (; m < frequencies[i] && absent > 0; m++)
                absent *= Math.Max(0, n - m - sampleSize) / (n - m);
            if (m < frequencies[i]) m = frequencies[i];
            sum += typeCounts[i] * (1 - absent);
        }
        return sum / sampleSize;
    }
}
