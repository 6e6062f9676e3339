namespace Regurgitate.Tests;

/// <summary>Finds ../shared/corpora: $REGURG_DATA_DIR, else the first folder above the test binary holding shared/corpora.</summary>
internal static class DiversityTestData
{
    public static string CorporaDirectory { get; } = Locate();

    public static string Wmt17(string file) => Path.Combine(CorporaDirectory, "wmt17-newstest-en-de-systems", file);

    public static string Newstest2017English => Path.Combine(CorporaDirectory, "opus-mt-testsets", "testsets", "deu-eng", "newstest2017.eng.gz");

    public static IReadOnlyList<string> Wmt17SystemFiles =>
        Directory.GetFiles(Path.Combine(CorporaDirectory, "wmt17-newstest-en-de-systems"), "*.de")
            .Where(f => Path.GetFileName(f) != "reference.de").Order(StringComparer.Ordinal).ToList();

    static string Locate() => SharedCorpora.Root;
}
