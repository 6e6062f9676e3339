namespace Regurgitate.Corpora.Datasets;

/// <summary>
/// Names one corpus of a named dataset as <c>name:split:src-tgt</c>, e.g. <c>multi30k:train:de-en</c>,
/// <c>wmt-news:newstest2014:de-en</c>, <c>wmt17-systems:uedin-nmt.4722:en-de</c>.
/// </summary>
public sealed record DatasetSpec(string Dataset, string Split, LanguagePair Languages)
{
    /// <summary>The spec syntax, for messages.</summary>
    public const string Syntax = "name:split:src-tgt (e.g. multi30k:train:de-en)";

    /// <summary>Parses <c>name:split:src-tgt</c>; a malformed spec is an <see cref="InputException"/>.</summary>
    public static DatasetSpec Parse(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
            throw new InputException($"corpus spec '{text}' is not {Syntax}", hint: "run `regurg corpus list` for names, splits and language pairs");
        var languages = LanguagePair.TryParse(parts[2])
            ?? throw new InputException($"corpus spec '{text}': '{parts[2]}' is not a language pair like de-en", hint: "run `regurg corpus list`");
        return new DatasetSpec(parts[0], parts[1], languages);
    }

    public override string ToString() => $"{Dataset}:{Split}:{Languages}";
}
