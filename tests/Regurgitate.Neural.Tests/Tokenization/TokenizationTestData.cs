namespace Regurgitate.Tests.Tokenization;

/// <summary>The Multi30k text the tokenizer tests train and check on (located by <see cref="TestData"/>).</summary>
internal static class TokenizationTestData
{
    /// <summary>German then English training lines, cached: the joint corpus most tests train on.</summary>
    public static IReadOnlyList<string> TrainBothSides => trainBothSides.Value;
    static readonly Lazy<string[]> trainBothSides = new(() => [.. TestData.Multi30k("train", "de"), .. TestData.Multi30k("train", "en")]);

    /// <summary>Every Multi30k split, both languages.</summary>
    public static IEnumerable<(string Name, string[] Lines)> AllSplits()
    {
        var dir = TestData.PathOf("multi30k");
        foreach (var split in new[] { "train", "val", "test_2016_flickr", "test_2017_flickr", "test_2017_mscoco", "test_2018_flickr" })
            foreach (var language in new[] { "de", "en" })
                if (File.Exists(Path.Combine(dir, $"{split}.{language}.gz")))
                    yield return ($"{split}.{language}", TestData.Multi30k(split, language));
    }
}
