using System.IO.Compression;

namespace Regurgitate.Tests.Generators;

/// <summary>Real corpora for the generator tests, from $REGURG_DATA_DIR or a shared/corpora folder above the test binary.</summary>
internal static class GeneratorsTestData
{
    public static string CorporaDirectory => SharedCorpora.Root;

    /// <summary>Lines of a gzip file, from <paramref name="skip"/> on.</summary>
    public static List<string> GzipLines(string relativePath, int count, int skip = 0) => SharedCorpora.GzipLines(relativePath, count, skip);

    /// <summary>Tatoeba English–Spanish pairs with at least <paramref name="minWords"/> English words, every <paramref name="stride"/>-th one.</summary>
    public static List<(string English, string Spanish)> TatoebaEnglishSpanish(int count, int minWords = 5, int stride = 97)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(CorporaDirectory, "tatoeba-manythings", "spa-eng.zip"));
        using var reader = new StreamReader(zip.GetEntry("spa-eng/spa.txt")!.Open());
        return ReadLines(reader)
            .Select(line => line.Split('\t'))
            .Where(f => f.Length >= 2 && f[0].Split(' ').Length >= minWords)
            .Where((_, i) => i % stride == 0)
            .Take(count)
            .Select(f => (f[0], f[1]))
            .ToList();
    }

    static IEnumerable<string> ReadLines(StreamReader reader)
    {
        for (string? line = reader.ReadLine(); line != null; line = reader.ReadLine()) yield return line;
    }

    public static string TemporaryDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "regurg-generators-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
