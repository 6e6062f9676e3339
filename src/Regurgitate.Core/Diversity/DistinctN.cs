namespace Regurgitate.Diversity;

/// <summary>
/// distinct-n (Li, Galley, Brockett, Gao, Dolan 2016, "A Diversity-Promoting Objective Function
/// for Neural Conversation Models", NAACL): the number of distinct n-grams in all segments,
/// "scaled by total number of generated tokens" — the denominator is the token count, as in the
/// paper, not the n-gram count. N-grams never cross a segment boundary. distinct-1 equals the TTR.
/// </summary>
public static class DistinctN
{
    /// <summary>distinct-<paramref name="n"/> over tokenized segments; NaN when there are no tokens.</summary>
    public static double Compute(IEnumerable<IReadOnlyList<string>> segments, int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "n-grams have at least one token");
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        long tokens = 0;
        foreach (var segment in segments)
        {
            tokens += segment.Count;
            // Tokens are joined with U+0001, a control character that text corpora do not contain.
            for (int i = 0; i + n <= segment.Count; i++) distinct.Add(string.Join('\u0001', segment.Skip(i).Take(n)));
        }
        return tokens == 0 ? double.NaN : (double)distinct.Count / tokens;
    }
}
