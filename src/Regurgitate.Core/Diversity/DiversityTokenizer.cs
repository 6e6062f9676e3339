using System.Text.RegularExpressions;

namespace Regurgitate.Diversity;

/// <summary>
/// Word tokenizer for lexical diversity: a sacreBLEU-13a-like tokenizer or a whitespace split,
/// optionally lowercased. Written before Regurgitate.Metrics.Tokenizers existed; a test pins its
/// 13a splits to <c>Tokenizer13a</c> on every WMT17 line, so the two can be unified freely.
/// </summary>
public sealed partial class DiversityTokenizer
{
    DiversityTokenizer(DiversityTokenization tokenization, bool lowercase)
    {
        Tokenization = tokenization;
        Lowercase = lowercase;
    }

    /// <summary>The tokenization this tokenizer applies.</summary>
    public DiversityTokenization Tokenization { get; }

    /// <summary>Whether tokens are lowercased (culture-invariant) before counting.</summary>
    public bool Lowercase { get; }

    /// <summary>A tokenizer for <paramref name="tokenization"/>, lowercasing when <paramref name="lowercase"/>.</summary>
    public static DiversityTokenizer Create(DiversityTokenization tokenization = DiversityTokenization.V13a, bool lowercase = false) =>
        new(tokenization, lowercase);

    /// <summary>The option value naming a tokenization on the command line: "13a", "whitespace", "none".</summary>
    public static string NameOf(DiversityTokenization tokenization) => tokenization switch
    {
        DiversityTokenization.V13a => "13a",
        DiversityTokenization.Whitespace => "whitespace",
        DiversityTokenization.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(tokenization)),
    };

    /// <summary>Parses "13a", "whitespace" or "none" (case-insensitive); null if it is none of them.</summary>
    public static DiversityTokenization? Parse(string name) => name.ToLowerInvariant() switch
    {
        "13a" => DiversityTokenization.V13a,
        "whitespace" => DiversityTokenization.Whitespace,
        "none" => DiversityTokenization.None,
        _ => null,
    };

    /// <summary>A sacreBLEU-signature-like description, e.g. "tok:13a|case:mixed".</summary>
    public string Description => $"tok:{NameOf(Tokenization)}|case:{(Lowercase ? "lc" : "mixed")}";

    /// <summary>The word tokens of one segment.</summary>
    public string[] Tokenize(string segment)
    {
        string text = Lowercase ? segment.ToLowerInvariant() : segment;
        if (Tokenization == DiversityTokenization.V13a) text = Tokenize13a(text);
        return text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// The mteval-v13a rules as sacreBLEU's TokenizerV13a applies them: drop "&lt;skipped&gt;",
    /// undo four HTML entities, then four regular-expression passes over the line padded with
    /// spaces. The caller splits the result on whitespace (sacreBLEU joins with single spaces).
    /// </summary>
    internal static string Tokenize13a(string line)
    {
        line = line.Replace("<skipped>", "").Replace("-\n", "").Replace("\n", " ");
        if (line.Contains('&'))
            line = line.Replace("&quot;", "\"").Replace("&amp;", "&").Replace("&lt;", "<").Replace("&gt;", ">");
        line = $" {line} ";
        // Symbols and ASCII punctuation except apostrophe, hyphen, period and comma become tokens.
        line = Symbols().Replace(line, " $1 ");
        // Period and comma are split off unless they sit between digits (3.5, 1,000).
        line = PeriodCommaAfterNonDigit().Replace(line, "$1 $2 ");
        line = PeriodCommaBeforeNonDigit().Replace(line, " $1 $2");
        // A dash after a digit is split off (2009-2010).
        line = DashAfterDigit().Replace(line, "$1 $2 ");
        return line;
    }

    [GeneratedRegex(@"([\{-\~\[-\` -\&\(-\+\:-\@\/])", RegexOptions.CultureInvariant)]
    private static partial Regex Symbols();

    [GeneratedRegex(@"([^0-9])([\.,])", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodCommaAfterNonDigit();

    [GeneratedRegex(@"([\.,])([^0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodCommaBeforeNonDigit();

    [GeneratedRegex(@"([0-9])(-)", RegexOptions.CultureInvariant)]
    private static partial Regex DashAfterDigit();
}

/// <summary>How segments are split into the word tokens that lexical diversity counts.</summary>
public enum DiversityTokenization
{
    /// <summary>sacreBLEU's default "13a" (mteval-v13a) tokenization: punctuation split off, then whitespace split.</summary>
    V13a,
    /// <summary>Split on runs of Unicode whitespace only.</summary>
    Whitespace,
    /// <summary>
    /// sacreBLEU's "none": no tokenizer runs and the text is split on whitespace, exactly as
    /// <see cref="Whitespace"/>; kept under this name so settings read like sacreBLEU signatures.
    /// </summary>
    None,
}
