using System.Text.RegularExpressions;

namespace Regurgitate.Metrics.Tokenizers;

/// <summary>
/// Tercom's normalizer as sacreBLEU re-implements it for TER (<c>tok:tercom</c>): lowercasing unless
/// case-sensitive, optional mteval-style normalization, optional punctuation removal, and optional
/// splitting of CJK characters.
/// </summary>
public sealed partial class TercomTokenizer
{
    /// <summary>Creates the tokenizer with TER's options.</summary>
    public TercomTokenizer(bool normalized = false, bool noPunct = false, bool asianSupport = false, bool caseSensitive = false)
    {
        Normalized = normalized;
        NoPunct = noPunct;
        AsianSupport = asianSupport;
        CaseSensitive = caseSensitive;
    }

    /// <summary>Apply mteval-like normalization and punctuation splitting.</summary>
    public bool Normalized { get; }
    /// <summary>Remove <c>. , ? : ; ! " ( )</c>.</summary>
    public bool NoPunct { get; }
    /// <summary>Split CJK characters, remove CJK punctuation with <see cref="NoPunct"/>.</summary>
    public bool AsianSupport { get; }
    /// <summary>Keep case; otherwise everything is lowercased.</summary>
    public bool CaseSensitive { get; }

    /// <summary>The <c>tok:</c> value of TER's signature.</summary>
    public string Signature => "tercom";

    /// <summary>Tokenizes one segment into space-separated words.</summary>
    public string Tokenize(string sent)
    {
        if (sent.Length == 0) return "";
        if (!CaseSensitive) sent = PythonText.Lower(sent);
        if (Normalized)
        {
            sent = NormalizeGeneralAndWestern(sent);
            if (AsianSupport) sent = NormalizeAsian(sent);
        }
        if (NoPunct)
        {
            sent = WesternPunct().Replace(sent, "");
            if (AsianSupport)
            {
                sent = AsianPunct().Replace(sent, "");
                sent = FullWidthPunct().Replace(sent, "");
            }
        }
        return PythonText.CollapseSpaces(sent);
    }

    static string NormalizeGeneralAndWestern(string sent)
    {
        // Note the order differs from 13a: tercom removes "\n-" (a hyphen after a line break).
        if (sent.Contains('\n')) sent = sent.Replace("\n-", "", StringComparison.Ordinal).Replace('\n', ' ');
        sent = MtevalRules.UnescapeEntities(sent);
        sent = MtevalRules.SplitSymbols(" " + sent + " ");
        // Possessives; the "'s$" rule never fires because the padded line ends in a space.
        sent = sent.Replace("'s ", " 's ", StringComparison.Ordinal);
        return MtevalRules.SplitPeriodCommaDash(sent);
    }

    static string NormalizeAsian(string sent)
    {
        sent = CjkIdeographs().Replace(sent, " $1 ");
        sent = CjkStrokes().Replace(sent, " $1 ");
        sent = CjkCompatibility().Replace(sent, " $1 ");
        // The upper bound 3F22 is sacreBLEU's (its comment says the block ends at 32FF).
        sent = CjkEnclosed().Replace(sent, " $1 ");
        sent = Hiragana().Replace(sent, "$1 $2 ");
        sent = Katakana().Replace(sent, "$1 $2 ");
        sent = KatakanaExtensions().Replace(sent, "$1 $2 ");
        sent = AsianPunct().Replace(sent, " $1 ");
        return FullWidthPunct().Replace(sent, " $1 ");
    }

    [GeneratedRegex(@"[\.,\?:;!""\(\)]")] private static partial Regex WesternPunct();
    [GeneratedRegex(@"([\u4e00-\u9fff\u3400-\u4dbf])")] private static partial Regex CjkIdeographs();
    [GeneratedRegex(@"([\u31c0-\u31ef\u2e80-\u2eff])")] private static partial Regex CjkStrokes();
    [GeneratedRegex(@"([\u3300-\u33ff\uf900-\ufaff\ufe30-\ufe4f])")] private static partial Regex CjkCompatibility();
    [GeneratedRegex(@"([\u3200-\u3f22])")] private static partial Regex CjkEnclosed();
    // sacreBLEU's kana patterns only match a line made of kana alone ("^" inside the alternatives).
    [GeneratedRegex(@"(^|^[\u3040-\u309f])([\u3040-\u309f]+)(?=$|^[\u3040-\u309f])")] private static partial Regex Hiragana();
    [GeneratedRegex(@"(^|^[\u30a0-\u30ff])([\u30a0-\u30ff]+)(?=$|^[\u30a0-\u30ff])")] private static partial Regex Katakana();
    [GeneratedRegex(@"(^|^[\u31f0-\u31ff])([\u31f0-\u31ff]+)(?=$|^[\u31f0-\u31ff])")] private static partial Regex KatakanaExtensions();
    [GeneratedRegex(@"([\u3001\u3002\u3008-\u3011\u3014-\u301f\uff61-\uff65\u30fb])")] private static partial Regex AsianPunct();
    [GeneratedRegex(@"([\uff0e\uff0c\uff1f\uff1a\uff1b\uff01\uff02\uff08\uff09])")] private static partial Regex FullWidthPunct();
}
