
namespace Regurgitate.Tests;

/// <summary>Finds ../shared/corpora (or $REGURG_DATA_DIR) and reads aligned Multi30k lines for the serving tests.</summary>
internal static class ServingTestData
{
    public static string CorporaDirectory => SharedCorpora.Root;

    /// <summary>The first <paramref name="count"/> lines of a gzip corpus file.</summary>
    public static List<string> Lines(string relativePath, int count) => SharedCorpora.GzipLines(relativePath, count);

    /// <summary>German sources and their human English translations from the Multi30k 2016 test set.</summary>
    public static (List<string> German, List<string> English) Multi30kTest(int count) =>
        (Lines("multi30k/test_2016_flickr.de.gz", count), Lines("multi30k/test_2016_flickr.en.gz", count));

    /// <summary>A fresh temporary directory.</summary>
    public static string TemporaryDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "regurg-serving-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
