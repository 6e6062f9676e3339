using System.Globalization;
using System.Text;

namespace Regurgitate.Metrics.Tokenizers;

/// <summary>
/// The international tokenizer of mteval-v14.pl (<c>tok:intl</c>): splits Unicode punctuation
/// unless it sits between digits, and splits every Unicode symbol. Works on code points, as
/// Python does, so characters outside the BMP (emoji are symbols) are handled like sacreBLEU.
/// </summary>
public sealed class TokenizerIntl : Tokenizer
{
    /// <inheritdoc/>
    public override string Signature => "intl";

    static UnicodeCategory Category(int c) => CharUnicodeInfo.GetUnicodeCategory(c);

    static bool IsNumber(int c) => Category(c) is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    static bool IsPunctuation(int c) => Category(c) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
        or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
        or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;

    static bool IsSymbol(int c) => Category(c) is UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol
        or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol;

    const int Space = ' ';

    /// <inheritdoc/>
    public override string Tokenize(string line)
    {
        var points = new List<int>(line.Length + 8);
        foreach (var rune in line.EnumerateRunes()) points.Add(rune.Value);

        // (\P{N})(\p{P}) → "\1 \2 "
        var next = new List<int>(points.Count * 2);
        for (int i = 0; i < points.Count;)
        {
            if (i + 1 < points.Count && !IsNumber(points[i]) && IsPunctuation(points[i + 1]))
            {
                next.Add(points[i]); next.Add(Space); next.Add(points[i + 1]); next.Add(Space);
                i += 2;
            }
            else next.Add(points[i++]);
        }
        (points, next) = (next, points);
        next.Clear();

        // (\p{P})(\P{N}) → " \1 \2"
        for (int i = 0; i < points.Count;)
        {
            if (i + 1 < points.Count && IsPunctuation(points[i]) && !IsNumber(points[i + 1]))
            {
                next.Add(Space); next.Add(points[i]); next.Add(Space); next.Add(points[i + 1]);
                i += 2;
            }
            else next.Add(points[i++]);
        }
        (points, next) = (next, points);

        // (\p{S}) → " \1 ", then ' '.join(line.split())
        var builder = new StringBuilder(points.Count * 2);
        bool pendingSpace = false;
        foreach (int c in points)
        {
            if (PythonText.IsSpace(c) || IsSymbol(c))
            {
                pendingSpace = true;
                if (!IsSymbol(c)) continue;
                if (builder.Length > 0) builder.Append(' ');
                builder.Append(new Rune(c).ToString());
                continue;
            }
            if (pendingSpace && builder.Length > 0) builder.Append(' ');
            pendingSpace = false;
            builder.Append(new Rune(c).ToString());
        }
        return builder.ToString();
    }
}
