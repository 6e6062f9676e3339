using System.Text.RegularExpressions;

namespace Regurgitate.Neural.Training;

/// <summary>
/// Corpus BLEU (Papineni et al. 2002; 4-grams, uniform weights, brevity penalty, no smoothing) with a
/// simplified 13a-style tokenization, used only to pick the best checkpoint during training.
/// TODO: replace with Regurgitate.Metrics' sacreBLEU-exact BLEU once that lands; scores reported to
/// users must come from there.
/// </summary>
internal static partial class ValidationBleu
{
    [GeneratedRegex(@"([\{-\~\[-\` -\&\(-\+\:-\@\/])")]
    private static partial Regex Punctuation();
    [GeneratedRegex(@"([^0-9])([\.,])")]
    private static partial Regex PeriodCommaAfterNonDigit();
    [GeneratedRegex(@"([\.,])([^0-9])")]
    private static partial Regex PeriodCommaBeforeNonDigit();
    [GeneratedRegex(@"([0-9])(-)")]
    private static partial Regex DashAfterDigit();

    static string[] Tokenize(string line)
    {
        string s = " " + line + " ";
        s = Punctuation().Replace(s, " $1 ");
        s = PeriodCommaAfterNonDigit().Replace(s, "$1 $2 ");
        s = PeriodCommaBeforeNonDigit().Replace(s, " $1 $2");
        s = DashAfterDigit().Replace(s, "$1 $2 ");
        return s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>BLEU (0-100) of <paramref name="hypotheses"/> against one reference each.</summary>
    public static double Score(IReadOnlyList<string> hypotheses, IReadOnlyList<string> references)
    {
        var matches = new long[4];
        var totals = new long[4];
        long hypothesisLength = 0, referenceLength = 0;
        for (int i = 0; i < hypotheses.Count; i++)
        {
            var h = Tokenize(hypotheses[i]);
            var r = Tokenize(references[i]);
            hypothesisLength += h.Length;
            referenceLength += r.Length;
            for (int n = 1; n <= 4; n++)
            {
                var referenceCounts = NGrams(r, n);
                foreach (var (gram, count) in NGrams(h, n))
                    matches[n - 1] += Math.Min(count, referenceCounts.GetValueOrDefault(gram));
                totals[n - 1] += Math.Max(0, h.Length - n + 1);
            }
        }
        if (matches.Any(m => m == 0) || hypothesisLength == 0) return 0;
        double logPrecision = Enumerable.Range(0, 4).Sum(n => Math.Log(matches[n] / (double)totals[n])) / 4;
        double brevity = hypothesisLength < referenceLength ? 1 - referenceLength / (double)hypothesisLength : 0;
        return 100 * Math.Exp(logPrecision + brevity);
    }

    static Dictionary<string, int> NGrams(string[] tokens, int n)
    {
        var counts = new Dictionary<string, int>();
        for (int i = 0; i + n <= tokens.Length; i++)
        {
            string gram = string.Join('\u0001', tokens, i, n);
            counts[gram] = counts.GetValueOrDefault(gram) + 1;
        }
        return counts;
    }
}
