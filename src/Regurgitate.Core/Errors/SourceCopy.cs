using System.Text;

namespace Regurgitate.Errors;

/// <summary>
/// How much of a translation is its source copied: the share of the hypothesis's word tokens
/// (tokens with at least one letter) that also occur in the source, counts clipped as in BLEU's
/// modified precision. Numbers and punctuation are left out: they are legitimately copied.
/// </summary>
public static class SourceCopy
{
    /// <summary>Share of hypothesis word tokens found in the source (0 to 1); NaN when the hypothesis has no word token.</summary>
    public static double Overlap(IReadOnlyList<string> hypothesisTokens, IReadOnlyList<string> sourceTokens)
    {
        var available = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in sourceTokens)
            if (IsWord(token)) available[token] = available.GetValueOrDefault(token) + 1;
        int words = 0, copied = 0;
        foreach (var token in hypothesisTokens)
        {
            if (!IsWord(token)) continue;
            words++;
            if (available.TryGetValue(token, out int left) && left > 0)
            {
                copied++;
                available[token] = left - 1;
            }
        }
        return words == 0 ? double.NaN : (double)copied / words;
    }

    /// <summary>Number of word tokens (tokens with at least one letter).</summary>
    public static int WordCount(IReadOnlyList<string> tokens) => tokens.Count(IsWord);

    static bool IsWord(string token)
    {
        foreach (var rune in token.EnumerateRunes())
            if (Rune.IsLetter(rune)) return true;
        return false;
    }
}
