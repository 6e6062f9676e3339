using System.IO.Compression;
using Regurgitate.Corpora.Datasets;

namespace Regurgitate.Tests;

/// <summary>
/// The one locator of test data: the real corpora the tests read, found as `regurg` finds them
/// ($REGURG_DATA_DIR, else a shared/corpora folder above the checkout), the files tests name in
/// them, and scratch folders. Linked into every test project.
/// </summary>
internal static class TestData
{
    /// <summary>The corpora folder (holding multi30k/, wmt17-newstest-en-de-systems/, ...).</summary>
    public static string Root { get; } = Locate();

    /// <summary>The corpora folder as a dataset directory.</summary>
    public static DataDirectory DataDirectory { get; } = new(Root);

    /// <summary>A path below <see cref="Root"/>.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The WMT17 en→de newstest folder: reference.de and 16 systems' outputs.</summary>
    public static string Wmt17Systems => PathOf("wmt17-newstest-en-de-systems");

    /// <summary>A file of the WMT17 folder, e.g. "reference.de" or "online-B.0.de".</summary>
    public static string Wmt17(string file) => Path.Combine(Wmt17Systems, file);

    /// <summary>The WMT17 systems' output files (the reference excluded), in ordinal order.</summary>
    public static IReadOnlyList<string> Wmt17SystemFiles =>
        Directory.GetFiles(Wmt17Systems, "*.de").Where(f => Path.GetFileName(f) != "reference.de").Order(StringComparer.Ordinal).ToList();

    /// <summary>The English sources of newstest2017 (gzip).</summary>
    public static string Newstest2017English => PathOf("opus-mt-testsets", "testsets", "deu-eng", "newstest2017.eng.gz");

    /// <summary><paramref name="count"/> lines of a gzip file below <see cref="Root"/>, from line <paramref name="skip"/> on.</summary>
    public static List<string> GzipLines(string relativePath, int count, int skip = 0)
    {
        using var stream = new GZipStream(File.OpenRead(PathOf(relativePath)), CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        var lines = new List<string>(Math.Min(count, 1 << 16));
        int seen = 0;
        for (string? line = reader.ReadLine(); line != null && lines.Count < count; line = reader.ReadLine())
            if (seen++ >= skip) lines.Add(line);
        return lines;
    }

    /// <summary>Every line of multi30k/{split}.{language}.gz.</summary>
    public static string[] Multi30k(string split, string language) => [.. GzipLines($"multi30k/{split}.{language}.gz", int.MaxValue)];

    /// <summary>German sources and their human English translations from the Multi30k 2016 test set.</summary>
    public static (List<string> German, List<string> English) Multi30kTest(int count) =>
        (GzipLines("multi30k/test_2016_flickr.de.gz", count), GzipLines("multi30k/test_2016_flickr.en.gz", count));

    /// <summary>Tatoeba English–Spanish pairs with at least <paramref name="minWords"/> English words, every <paramref name="stride"/>-th one.</summary>
    public static List<(string English, string Spanish)> TatoebaEnglishSpanish(int count, int minWords = 5, int stride = 97)
    {
        using var zip = ZipFile.OpenRead(PathOf("tatoeba-manythings", "spa-eng.zip"));
        using var reader = new StreamReader(zip.GetEntry("spa-eng/spa.txt")!.Open());
        var pairs = new List<(string, string)>();
        int index = 0;
        for (string? line = reader.ReadLine(); line != null && pairs.Count < count; line = reader.ReadLine())
        {
            var fields = line.Split('\t');
            if (fields.Length < 2 || fields[0].Split(' ').Length < minWords) continue;
            if (index++ % stride == 0) pairs.Add((fields[0], fields[1]));
        }
        return pairs;
    }

    /// <summary>A fresh temporary directory named with <paramref name="prefix"/> (the caller deletes it).</summary>
    public static string TemporaryDirectory(string prefix = "regurg-test-")
    {
        string path = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A fresh empty folder, deleted when disposed.</summary>
    public static ScratchFolder Scratch() => new();

    /// <summary>A temporary folder for one test, deleted when disposed.</summary>
    public sealed class ScratchFolder : IDisposable
    {
        public string Path { get; } = TemporaryDirectory("regurg-scratch-");
        public string File(string name) => System.IO.Path.Combine(Path, name);
        /// <summary>Every file in the folder, hidden temporaries included.</summary>
        public string[] Files() => [.. Directory.GetFiles(Path, "*", SearchOption.AllDirectories).Select(f => System.IO.Path.GetRelativePath(Path, f)).Order()];
        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }
    }

    static string Locate()
    {
        string root = DataDirectory.Resolve().Root;
        if (!Directory.Exists(Path.Combine(root, "multi30k")))
            throw new DirectoryNotFoundException($"the shared corpora are not in {root}: set {DataDirectory.EnvironmentVariable} to the corpora folder");
        return root;
    }
}
