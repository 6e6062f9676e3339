namespace Regurgitate.Corpora.Datasets;

/// <summary>A translation direction as two language codes, written "de-en" (source first).</summary>
public sealed record LanguagePair(string Source, string Target)
{
    /// <summary>Parses "de-en"; null when the text is not two codes joined by '-'.</summary>
    public static LanguagePair? TryParse(string text)
    {
        var parts = text.Split('-');
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0 && parts[0] != parts[1]
            ? new LanguagePair(parts[0], parts[1]) : null;
    }

    /// <summary>The opposite direction.</summary>
    public LanguagePair Reversed => new(Target, Source);

    /// <summary>Every ordered pair of distinct languages from <paramref name="languages"/>.</summary>
    public static IReadOnlyList<LanguagePair> AllBetween(params string[] languages) =>
        [.. from s in languages from t in languages where s != t select new LanguagePair(s, t)];

    public override string ToString() => $"{Source}-{Target}";
}
