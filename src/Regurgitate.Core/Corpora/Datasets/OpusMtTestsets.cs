namespace Regurgitate.Corpora.Datasets;

/// <summary>
/// Files of the Helsinki-NLP OPUS-MT-testsets repository at a pinned commit, as laid out under
/// <c>opus-mt-testsets/</c> (each file gzipped locally; upstream serves it plain).
/// </summary>
internal static class OpusMtTestsets
{
    public const string Commit = "ac0f19c0be3cb4e0d9450fcb2d7a9847c4bdd180";
    public const string Homepage = "https://github.com/Helsinki-NLP/OPUS-MT-testsets";
    const string RawBase = "https://raw.githubusercontent.com/Helsinki-NLP/OPUS-MT-testsets/" + Commit + "/";

    /// <summary>The file at <paramref name="repositoryPath"/> in the repository (e.g. "testsets/deu-eng/newstest2014.deu").</summary>
    public static DatasetFile File(string repositoryPath) =>
        DatasetFile.Known($"opus-mt-testsets/{repositoryPath}.gz", RawBase + repositoryPath);

    /// <summary>ISO 639-3 code the repository uses for a two-letter code.</summary>
    public static string Iso3(string language) => language switch
    {
        "de" => "deu",
        "en" => "eng",
        "es" => "spa",
        "fr" => "fra",
        "cs" => "ces",
        _ => throw new InputException($"language '{language}' is not in OPUS-MT-testsets here", hint: "use de, en or es"),
    };
}
