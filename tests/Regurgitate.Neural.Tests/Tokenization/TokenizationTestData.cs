using System.IO.Compression;

namespace Regurgitate.Tests.Tokenization;

/// <summary>Finds the shared corpora (env REGURG_DATA_DIR, else walking up to shared/corpora) and reads Multi30k.</summary>
internal static class TokenizationTestData
{
    public static string CorporaDirectory => SharedCorpora.Root;

    /// <summary>Lines of multi30k/{split}.{language}.gz.</summary>
    public static string[] Multi30k(string split, string language)
    {
        var path = Path.Combine(CorporaDirectory, "multi30k", $"{split}.{language}.gz");
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return lines.ToArray();
    }

    /// <summary>German then English training lines, cached: the joint corpus most tests train on.</summary>
    public static IReadOnlyList<string> TrainBothSides => trainBothSides.Value;
    static readonly Lazy<string[]> trainBothSides = new(() => [.. Multi30k("train", "de"), .. Multi30k("train", "en")]);

    /// <summary>Every Multi30k split, both languages.</summary>
    public static IEnumerable<(string Name, string[] Lines)> AllSplits()
    {
        var dir = Path.Combine(CorporaDirectory, "multi30k");
        foreach (var split in new[] { "train", "val", "test_2016_flickr", "test_2017_flickr", "test_2017_mscoco", "test_2018_flickr" })
            foreach (var language in new[] { "de", "en" })
                if (File.Exists(Path.Combine(dir, $"{split}.{language}.gz")))
                    yield return ($"{split}.{language}", Multi30k(split, language));
    }
}
