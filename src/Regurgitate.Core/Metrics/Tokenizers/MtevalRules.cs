using System.Buffers;

namespace Regurgitate.Metrics.Tokenizers;

/// <summary>
/// The punctuation rules of mteval-v13a.pl, shared by the 13a and tercom tokenizers. Each pass
/// reproduces one Python <c>re.sub</c> of sacreBLEU exactly, including its left-to-right,
/// non-overlapping matching (a character consumed as the second group is not matched again).
/// Passes work on pooled character buffers: no string per pass on the hot path.
/// </summary>
internal static class MtevalRules
{
    /// <summary><c>([\{-\~\[-\` -\&amp;\(-\+\:-\@\/])</c>: ASCII symbols (not - . , ') that get spaces around them.</summary>
    public static bool IsSymbol(char c) =>
        c is >= '{' and <= '~' or >= '[' and <= '`' or >= ' ' and <= '&' or >= '(' and <= '+' or >= ':' and <= '@' or '/';

    static bool IsDigit(char c) => c is >= '0' and <= '9';

    /// <summary>
    /// Runs the passes on " line " (mteval pads with spaces, so a final period splits off a number
    /// too) and returns the words joined by single spaces. <paramref name="possessives"/> adds
    /// tercom's <c>'s </c> → <c> 's </c> rule between the symbol and period passes.
    /// </summary>
    public static string Tokenize(string line, bool possessives = false)
    {
        int capacity = 3 * (line.Length + 2) + 8;
        char[] a = ArrayPool<char>.Shared.Rent(capacity);
        char[] b = ArrayPool<char>.Shared.Rent(2 * capacity);
        try
        {
            // ([\{-\~\[-\` -\&\(-\+\:-\@\/]) → " \1 " on " line " (the padding spaces are symbols too)
            int n = 0;
            a[n++] = ' '; a[n++] = ' '; a[n++] = ' ';
            foreach (char c in line)
            {
                if (IsSymbol(c)) { a[n++] = ' '; a[n++] = c; a[n++] = ' '; }
                else a[n++] = c;
            }
            a[n++] = ' '; a[n++] = ' '; a[n++] = ' ';

            if (possessives)
            {
                // "'s " → " 's " (the "'s$" rule never fires: the padded line ends in a space)
                int m = 0;
                for (int i = 0; i < n;)
                {
                    if (i + 2 < n && a[i] == '\'' && a[i + 1] == 's' && a[i + 2] == ' ')
                    {
                        b[m++] = ' '; b[m++] = '\''; b[m++] = 's'; b[m++] = ' ';
                        i += 3;
                    }
                    else b[m++] = a[i++];
                }
                (a, b, n) = (b, a, m);
                Grow(ref b, 2 * n);
            }

            // ([^0-9])([\.,]) → "\1 \2 "
            int k = 0;
            for (int i = 0; i < n;)
            {
                if (i + 1 < n && !IsDigit(a[i]) && a[i + 1] is '.' or ',')
                {
                    b[k++] = a[i]; b[k++] = ' '; b[k++] = a[i + 1]; b[k++] = ' ';
                    i += 2;
                }
                else b[k++] = a[i++];
            }
            Grow(ref a, 2 * k);
            // ([\.,])([^0-9]) → " \1 \2"
            n = 0;
            for (int i = 0; i < k;)
            {
                if (i + 1 < k && b[i] is '.' or ',' && !IsDigit(b[i + 1]))
                {
                    a[n++] = ' '; a[n++] = b[i]; a[n++] = ' '; a[n++] = b[i + 1];
                    i += 2;
                }
                else a[n++] = b[i++];
            }
            Grow(ref b, 2 * n);
            // ([0-9])(-) → "\1 \2 "
            k = 0;
            for (int i = 0; i < n;)
            {
                if (i + 1 < n && IsDigit(a[i]) && a[i + 1] == '-')
                {
                    b[k++] = a[i]; b[k++] = ' '; b[k++] = '-'; b[k++] = ' ';
                    i += 2;
                }
                else b[k++] = a[i++];
            }
            return PythonText.CollapseSpaces(b.AsSpan(0, k));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(a);
            ArrayPool<char>.Shared.Return(b);
        }
    }

    static void Grow(ref char[] buffer, int size)
    {
        if (buffer.Length >= size) return;
        ArrayPool<char>.Shared.Return(buffer);
        buffer = ArrayPool<char>.Shared.Rent(size);
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
