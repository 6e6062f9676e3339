using System.Text;

namespace Regurgitate.Errors;

/// <summary>The longest run of one n-gram repeated back to back, e.g. "of the of the of the" (unit 2, 3 copies).</summary>
/// <param name="Unit">Length in tokens of the repeated n-gram (0 when nothing repeats).</param>
/// <param name="Copies">How many times it occurs in a row (1 when nothing repeats).</param>
public sealed record RepetitionLoop(int Unit, int Copies)
{
    /// <summary>No repetition.</summary>
    public static RepetitionLoop None { get; } = new(0, 1);

    /// <summary>
    /// The tandem repeat with the most copies among units of 1 to <paramref name="maxUnit"/> tokens
    /// (ties: the shorter unit). A unit made only of punctuation or symbols ("...", "- -") is not
    /// a loop. For each unit length u, positions where token[i] = token[i+u] form runs; a run of
    /// length r holds ⌊r/u⌋ + 1 copies of the u-gram that starts it: O(length · maxUnit).
    /// </summary>
    public static RepetitionLoop Longest(IReadOnlyList<string> tokens, int maxUnit = 8)
    {
        var best = None;
        int n = tokens.Count;
        for (int unit = 1; unit <= maxUnit && 2 * unit <= n; unit++)
        {
            int run = 0;
            for (int i = 0; i + unit < n; i++)
            {
                if (tokens[i] == tokens[i + unit])
                {
                    run++;
                    int start = i - run + 1;
                    int copies = run / unit + 1;
                    if (copies > best.Copies && HasWord(tokens, start, unit)) best = new RepetitionLoop(unit, copies);
                }
                else run = 0;
            }
        }
        return best;
    }

    /// <summary>
    /// Share of the <paramref name="n"/>-grams of a segment that repeat an earlier n-gram of the
    /// same segment: 0 for fluent text, near 1 for a loop; NaN when the segment has no n-gram.
    /// Catches loops that are not back to back ("A B C D x A B C D y A B C D").
    /// </summary>
    public static double RepeatedNgramShare(IReadOnlyList<string> tokens, int n = 4)
    {
        int total = tokens.Count - n + 1;
        if (total <= 0) return double.NaN;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int repeated = 0;
        for (int i = 0; i < total; i++)
            if (!seen.Add(string.Join('\u0001', tokens.Skip(i).Take(n)))) repeated++;
        return (double)repeated / total;
    }

    static bool HasWord(IReadOnlyList<string> tokens, int start, int unit)
    {
        for (int i = start; i < start + unit; i++)
            foreach (var rune in tokens[i].EnumerateRunes())
                if (Rune.IsLetterOrDigit(rune)) return true;
        return false;
    }
}
