using Regurgitate.Metrics.Tokenizers;

namespace Regurgitate.Diversity;

/// <summary>
/// Word tokenizer for lexical diversity: the metrics' <see cref="Tokenizer13a"/> or a whitespace
/// split, optionally lowercased first, then split into words on whitespace.
/// </summary>
public sealed class DiversityTokenizer
{
    static readonly Tokenizer13a Mteval13a = new();

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
        if (Tokenization == DiversityTokenization.V13a) text = Mteval13a.Tokenize(text);
        return text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
    }
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
