using System.Text;

namespace Regurgitate.Metrics.Tokenizers;

/// <summary>
/// The punctuation rules of mteval-v13a.pl, shared by the 13a and tercom tokenizers. Each pass
/// reproduces one Python <c>re.sub</c> of sacreBLEU exactly, including its left-to-right,
/// non-overlapping matching (a character consumed as the second group is not matched again).
/// </summary>
internal static class MtevalRules
{
    /// <summary><c>([\{-\~\[-\` -\&amp;\(-\+\:-\@\/])</c> → <c> \1 </c>: ASCII symbols (not - . , ') get spaces around.</summary>
    public static bool IsSymbol(char c) =>
        c is >= '{' and <= '~' or >= '[' and <= '`' or >= ' ' and <= '&' or >= '(' and <= '+' or >= ':' and <= '@' or '/';

    static bool IsDigit(char c) => c is >= '0' and <= '9';

    public static string SplitSymbols(string s)
    {
        var b = new StringBuilder(s.Length + 16);
        foreach (char c in s)
        {
            if (IsSymbol(c)) b.Append(' ').Append(c).Append(' ');
            else b.Append(c);
        }
        return b.ToString();
    }

    /// <summary><c>([^0-9])([\.,])</c> → <c>\1 \2 </c>, then <c>([\.,])([^0-9])</c> → <c> \1 \2</c>, then <c>([0-9])(-)</c> → <c>\1 \2 </c>.</summary>
    public static string SplitPeriodCommaDash(string s)
    {
        var b = new StringBuilder(s.Length + 16);
        int n = s.Length;
        for (int i = 0; i < n;)
        {
            if (i + 1 < n && !IsDigit(s[i]) && s[i + 1] is '.' or ',')
            {
                b.Append(s[i]).Append(' ').Append(s[i + 1]).Append(' ');
                i += 2;
            }
            else b.Append(s[i++]);
        }
        s = b.ToString();
        b.Clear();
        n = s.Length;
        for (int i = 0; i < n;)
        {
            if (i + 1 < n && s[i] is '.' or ',' && !IsDigit(s[i + 1]))
            {
                b.Append(' ').Append(s[i]).Append(' ').Append(s[i + 1]);
                i += 2;
            }
            else b.Append(s[i++]);
        }
        s = b.ToString();
        b.Clear();
        n = s.Length;
        for (int i = 0; i < n;)
        {
            if (i + 1 < n && IsDigit(s[i]) && s[i + 1] == '-')
            {
                b.Append(s[i]).Append(" - ");
                i += 2;
            }
            else b.Append(s[i++]);
        }
        return b.ToString();
    }

    /// <summary>The XML entities mteval un-escapes, in its order (so <c>&amp;amp;lt;</c> becomes <c>&lt;</c>).</summary>
    public static string UnescapeEntities(string s)
    {
        if (!s.Contains('&')) return s;
        return s.Replace("&quot;", "\"", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal)
            .Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal);
    }
}
