namespace Regurgitate.Diversity;

/// <summary>
/// Measure of textual lexical diversity (McCarthy &amp; Jarvis 2010, "MTLD, vocd-D, and HD-D: A
/// validation study of sophisticated approaches to lexical diversity assessment", Behavior
/// Research Methods 42(2)): the mean length of "factors", stretches of text whose running TTR
/// stays above a threshold (0.72). Tokens are read in order; when the running TTR falls to the
/// threshold or below, a factor is complete and the count restarts. The leftover stretch counts
/// as a partial factor (1 − TTR)/(1 − threshold). MTLD = N / factors, averaged over a forward and
/// a backward pass.
/// </summary>
public static class Mtld
{
    /// <summary>The factor-size threshold from the paper, 0.72.</summary>
    public const double DefaultThreshold = 0.72;

    /// <summary>
    /// Bidirectional MTLD of <paramref name="tokens"/>: the mean of <see cref="Forward"/> on the
    /// text and on the text reversed. NaN for an empty text.
    /// </summary>
    public static double Compute(IReadOnlyList<string> tokens, double threshold = DefaultThreshold)
    {
        var ids = TokenIds.Of(tokens, out int types);
        var stamps = new int[types];
        int generation = 0;
        return Compute(ids, threshold, stamps, ref generation);
    }

    /// <summary>One pass over <paramref name="tokens"/> in reading order.</summary>
    /// <remarks>
    /// When no factor completes and the text has no repeated token, the partial factor is 0 and
    /// N/0 is undefined; we return N, the length the text has sustained without falling below the
    /// threshold (a lower bound on its factor length). NaN for an empty text.
    /// </remarks>
    public static double Forward(IReadOnlyList<string> tokens, double threshold = DefaultThreshold)
    {
        var ids = TokenIds.Of(tokens, out int types);
        var stamps = new int[types];
        int generation = 0;
        return OnePass(ids, threshold, stamps, ref generation, reverse: false);
    }

    /// <summary>Bidirectional MTLD over ids below stamps.Length; <paramref name="stamps"/> marks the types of factor <paramref name="generation"/>.</summary>
    internal static double Compute(ReadOnlySpan<int> ids, double threshold, int[] stamps, ref int generation) =>
        (OnePass(ids, threshold, stamps, ref generation, reverse: false) + OnePass(ids, threshold, stamps, ref generation, reverse: true)) / 2;

    static double OnePass(ReadOnlySpan<int> ids, double threshold, int[] stamps, ref int generation, bool reverse)
    {
        if (ids.Length == 0) return double.NaN;
        var factors = new double[ids.Length];
        Factors(ids, threshold, stamps, ref generation, reverse, factors);
        double sum = 0;
        foreach (double f in factors) sum += f;
        return FromFactors(ids.Length, sum);
    }

    /// <summary>MTLD from a token count and a factor count, with our value for a text with no factor at all.</summary>
    internal static double FromFactors(long tokens, double factors) =>
        tokens == 0 ? double.NaN : factors > 0 ? tokens / factors : tokens;

    /// <summary>
    /// One pass of the factor count, credited to token positions: 1 where a factor completes, the
    /// partial factor at the last token read (the first token when <paramref name="reverse"/>).
    /// These per-position credits are what the bootstrap sums by segment.
    /// </summary>
    internal static void Factors(ReadOnlySpan<int> ids, double threshold, int[] stamps, ref int generation, bool reverse, Span<double> factorAt)
    {
        if (!(threshold > 0 && threshold < 1)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "the threshold lies strictly between 0 and 1");
        int n = ids.Length;
        if (n == 0) return;
        int tokens = 0, types = 0;
        double ttr = 1;
        // A fresh generation number forgets every type seen so far without clearing the array.
        generation++;
        for (int k = 0; k < n; k++)
        {
            int position = reverse ? n - 1 - k : k;
            int id = ids[position];
            tokens++;
            if (stamps[id] != generation)
            {
                stamps[id] = generation;
                types++;
            }
            ttr = (double)types / tokens;
            if (ttr <= threshold)
            {
                factorAt[position] += 1;
                tokens = 0;
                types = 0;
                ttr = 1;
                generation++;
            }
        }
        factorAt[reverse ? 0 : n - 1] += (1 - ttr) / (1 - threshold);
    }
}
