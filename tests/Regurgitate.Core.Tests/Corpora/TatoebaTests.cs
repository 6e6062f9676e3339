using Regurgitate.Corpora;
using Regurgitate.Corpora.Datasets;

namespace Regurgitate.Tests.Corpora;

public class TatoebaTests
{
    static DataDirectory Data => TestData.DataDirectory;

    [Theory]
    [InlineData("de", 169_813, 5_727)]
    [InlineData("es", 118_964, 5_778)]
    public void Splits_partition_the_corpus_minus_the_challenge_test_pairs(string language, int lines, int overlap)
    {
        var carved = new Tatoeba().CarvedFor(DatasetSpec.Parse($"tatoeba:train:{language}-en"), Data);
        // SOURCE.md: 5,727 (deu) / 5,778 (spa) Tatoeba Challenge test pairs occur verbatim in the zip.
        Assert.Equal(overlap, carved.RemovedAsTestOverlap);
        var train = DatasetCatalog.Open($"tatoeba:train:en-{language}", Data).ToList();
        var valid = DatasetCatalog.Open($"tatoeba:valid:en-{language}", Data).ToList();
        var test = DatasetCatalog.Open($"tatoeba:test:en-{language}", Data).ToList();
        Assert.Equal(Tatoeba.HeldOutPairs, valid.Count);
        Assert.Equal(Tatoeba.HeldOutPairs, test.Count);
        Assert.Equal(lines - overlap, train.Count + valid.Count + test.Count);
        var ids = train.Concat(valid).Concat(test).Select(p => p.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("de")]
    [InlineData("es")]
    public void No_english_sentence_straddles_splits(string language)
    {
        var splits = new[] { "train", "valid", "test" }
            .Select(s => DatasetCatalog.Open($"tatoeba:{s}:en-{language}", Data).Select(p => p.Source).ToHashSet())
            .ToList();
        Assert.Empty(splits[0].Intersect(splits[1]));
        Assert.Empty(splits[0].Intersect(splits[2]));
        Assert.Empty(splits[1].Intersect(splits[2]));
        // The property is not vacuous: held-out English sentences with several translations exist.
        var valid = DatasetCatalog.Open($"tatoeba:valid:en-{language}", Data).ToList();
        Assert.True(valid.Count > splits[1].Count, "some valid English sentences should have alternative translations");
    }

    [Theory]
    [InlineData("de")]
    [InlineData("es")]
    public void No_split_contains_a_tatoeba_challenge_test_pair(string language)
    {
        var carved = new Tatoeba().CarvedFor(DatasetSpec.Parse($"tatoeba:train:en-{language}"), Data);
        var challenge = carved.TestSetPairs.Select(p => (p.Source, p.Target)).ToHashSet();
        Assert.True(challenge.Count > 15_000);
        foreach (var split in new[] { "train", "valid", "test" })
            Assert.DoesNotContain(DatasetCatalog.Open($"tatoeba:{split}:en-{language}", Data), p => challenge.Contains((p.Source, p.Target)));
        // Sanity: the raw zip does contain them, so the filter is what removes them.
        Assert.Contains(Tatoeba.ReadZip(Data.Locate($"tatoeba-manythings/{(language == "de" ? "deu" : "spa")}-eng.zip")!, language == "de" ? "deu.txt" : "spa-eng/spa.txt"),
            e => challenge.Contains((e.English, e.Other)));
    }

    [Fact]
    public void Directions_swap_sides_and_ids_are_zip_line_numbers()
    {
        var enDe = DatasetCatalog.Open("tatoeba:test:en-de", Data).ToList();
        var deEn = DatasetCatalog.Open("tatoeba:test:de-en", Data).ToList();
        Assert.Equal(enDe.Select(p => (p.Target, p.Source, p.Id)), deEn.Select(p => (p.Source, p.Target, p.Id)));
        var zip = Tatoeba.ReadZip(Data.Locate("tatoeba-manythings/deu-eng.zip")!, "deu.txt").ToDictionary(e => e.Line.ToString());
        Assert.All(enDe.Take(100), p => Assert.Equal((zip[p.Id!].English, zip[p.Id!].Other), (p.Source, p.Target)));
    }
}
