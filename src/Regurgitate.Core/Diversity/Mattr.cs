namespace Regurgitate.Diversity;

/// <summary>
/// Moving-average type-token ratio (Covington &amp; McFall 2010, "Cutting the Gordian knot: The
/// moving-average type-token ratio (MATTR)", J. Quantitative Linguistics 17(2)): the mean TTR of
/// every window of W consecutive tokens, the window moving one token at a time (N−W+1 windows).
/// </summary>
public static class Mattr
{
    /// <summary>The default window, 50 tokens.</summary>
    public const int DefaultWindow = 50;

    /// <summary>
    /// MATTR of <paramref name="tokens"/>. A text shorter than the window has a single, shorter
    /// "window": the text itself, so MATTR is its TTR (our choice; the paper leaves it undefined).
    /// NaN for an empty text.
    /// </summary>
    public static double Compute(IReadOnlyList<string> tokens, int window = DefaultWindow)
    {
        var ids = TokenIds.Of(tokens, out int types);
        var counts = new int[types];
        return Compute(ids, window, counts);
    }

    /// <summary>MATTR over token ids below counts.Length; <paramref name="counts"/> is all zeros on entry and on return.</summary>
    internal static double Compute(ReadOnlySpan<int> ids, int window, int[] counts)
    {
        if (ids.Length == 0) return double.NaN;
        var types = new int[WindowCount(ids.Length, window)];
        WindowTypes(ids, window, counts, types);
        long typeSum = 0;
        foreach (int t in types) typeSum += t;
        return (double)typeSum / ((double)types.Length * Math.Min(window, ids.Length));
    }

    /// <summary>How many windows a text of <paramref name="tokens"/> tokens has: N−W+1, or 1 when N &lt; W (0 when empty).</summary>
    internal static int WindowCount(int tokens, int window) => tokens == 0 ? 0 : Math.Max(1, tokens - window + 1);

    /// <summary>
    /// The number of types in each window, indexed by the window's first token: the per-position
    /// statistics the bootstrap sums by segment. <paramref name="counts"/> is all zeros on entry and return.
    /// </summary>
    internal static void WindowTypes(ReadOnlySpan<int> ids, int window, int[] counts, Span<int> typesAtStart)
    {
        if (window < 1) throw new ArgumentOutOfRangeException(nameof(window), window, "the window holds at least one token");
        int n = ids.Length;
        if (n == 0) return;
        int w = Math.Min(window, n);
        int types = 0;
        for (int i = 0; i < w; i++)
            if (counts[ids[i]]++ == 0) types++;
        typesAtStart[0] = types;
        for (int i = w; i < n; i++)
        {
            if (--counts[ids[i - w]] == 0) types--;
            if (counts[ids[i]]++ == 0) types++;
            typesAtStart[i - w + 1] = types;
        }
        for (int i = n - w; i < n; i++) counts[ids[i]] = 0;
    }
}
