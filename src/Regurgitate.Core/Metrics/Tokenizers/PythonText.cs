using System.Globalization;
using System.Text;

namespace Regurgitate.Metrics.Tokenizers;

/// <summary>
/// Python 3 string semantics that sacreBLEU's results depend on: which code points
/// <c>str.split()</c>/<c>str.rstrip()</c> treat as whitespace, and <c>str.lower()</c>'s full case mapping.
/// </summary>
public static class PythonText
{
    /// <summary>True for the code points Python's <c>str.isspace()</c> accepts (bidi WS/B/S or category Zs).</summary>
    public static bool IsSpace(int c) => c switch
    {
        >= 0x09 and <= 0x0D => true,
        >= 0x1C and <= 0x20 => true,
        0x85 or 0xA0 or 0x1680 => true,
        >= 0x2000 and <= 0x200A => true,
        0x2028 or 0x2029 or 0x202F or 0x205F or 0x3000 => true,
        _ => false,
    };

    /// <summary>Python's <c>s.rstrip()</c>.</summary>
    public static string RStrip(string s)
    {
        int end = s.Length;
        while (end > 0 && IsSpace(s[end - 1])) end--;
        return end == s.Length ? s : s[..end];
    }

    /// <summary>Python's <c>s.split()</c> without arguments, as (start, length) ranges into <paramref name="s"/>.</summary>
    public static void Split(string s, List<Range> into)
    {
        into.Clear();
        int i = 0, n = s.Length;
        while (i < n)
        {
            while (i < n && IsSpace(s[i])) i++;
            if (i >= n) break;
            int start = i;
            while (i < n && !IsSpace(s[i])) i++;
            into.Add(new Range(start, i));
        }
    }

    /// <summary>Python's <c>s.split()</c> without arguments.</summary>
    public static string[] Split(string s)
    {
        var ranges = new List<Range>();
        Split(s, ranges);
        var words = new string[ranges.Count];
        for (int i = 0; i < words.Length; i++) words[i] = s[ranges[i]];
        return words;
    }

    /// <summary>Python's <c>' '.join(s.split())</c>: single spaces between words, none at the ends.</summary>
    public static string CollapseSpaces(ReadOnlySpan<char> s)
    {
        var builder = new StringBuilder(s.Length);
        int i = 0, n = s.Length;
        while (i < n)
        {
            while (i < n && IsSpace(s[i])) i++;
            if (i >= n) break;
            if (builder.Length > 0) builder.Append(' ');
            int start = i;
            while (i < n && !IsSpace(s[i])) i++;
            builder.Append(s[start..i]);
        }
        return builder.ToString();
    }

    /// <summary>
    /// Python's <c>str.lower()</c>: .NET's invariant lowering plus the two places where Python's full
    /// case mapping differs (U+0130 becomes "i̇", and a word-final capital sigma becomes ς).
    /// </summary>
    public static string Lower(string s)
    {
        bool ascii = true;
        foreach (char c in s) if (c >= 0x80) { ascii = false; break; }
        if (ascii) return s.ToLowerInvariant();

        var builder = new StringBuilder(s.Length);
        int i = 0;
        while (i < s.Length)
        {
            Rune.DecodeFromUtf16(s.AsSpan(i), out var rune, out int used);
            if (rune.Value == 0x0130) builder.Append("i\u0307");
            else if (rune.Value == 0x03A3) builder.Append(IsFinalSigma(s, i) ? 'ς' : 'σ');
            else builder.Append(Rune.ToLowerInvariant(rune).ToString());
            i += used;
        }
        return builder.ToString();
    }

    // Unicode's Final_Sigma condition as CPython applies it: a cased letter before (skipping
    // case-ignorable characters) and no cased letter after.
    static bool IsFinalSigma(string s, int at)
    {
        int j = at - 1;
        while (j >= 0 && IsCaseIgnorable(s[j])) j--;
        if (j < 0 || !IsCased(s[j])) return false;
        j = at + 1;
        while (j < s.Length && IsCaseIgnorable(s[j])) j++;
        return j >= s.Length || !IsCased(s[j]);
    }

    static bool IsCased(char c) => char.IsUpper(c) || char.IsLower(c) ||
        CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.TitlecaseLetter;

    static bool IsCaseIgnorable(char c) => c is '\'' or '.' or ':' or '^' or '`' or '\u00AD' or '\u2019' ||
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Format or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol;
}
