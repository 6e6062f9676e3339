using Regurgitate.Corpora;
using Regurgitate.Corpora.Datasets;

namespace Regurgitate.Tests.Corpora;

public class StatisticsTests
{
    [Fact]
    public void Counts_tokens_empties_duplicates_and_provenance()
    {
        var machine = Provenance.Machine("nmt");
        SentencePair[] pairs =
        [
            new("a b c", "x y", Provenance.Human),
            new("a b c", "x y", Provenance.Human),   // duplicate pair
            new("a b c", "z", machine),             // duplicate source only
            new("", "  ", machine),                 // empty both sides
            new("d  e\tf g", "w", machine),
        ];
        var stats = CorpusStatistics.Compute(pairs);
        Assert.Equal(5, stats.Pairs);
        Assert.Equal(3 + 3 + 3 + 0 + 4, stats.Source.Tokens);
        Assert.Equal(2 + 2 + 1 + 0 + 1, stats.Target.Tokens);
        Assert.Equal(1, stats.Source.EmptyLines);
        Assert.Equal(1, stats.Target.EmptyLines);
        Assert.Equal(1, stats.DuplicatePairs);
        Assert.Equal(2, stats.DuplicateSources);
        Assert.Equal([new("nmt", 3L), new("human", 2L)], stats.Provenance);
        Assert.Equal(new LengthDistribution(0, 13 / 5.0, 0, 3, 3, 3, 4, 4, 4), stats.Source.Lengths);
    }

    [Fact]
    public void Multi30k_train_statistics()
    {
        var stats = CorpusStatistics.Compute(DatasetCatalog.Open("multi30k:train:en-de", TestData.DataDirectory));
        Assert.Equal(29_000, stats.Pairs);
        Assert.Equal(0, stats.Source.EmptyLines);
        // Whitespace tokens: 11.9 English and 11.1 German words a sentence (SOURCE.md's 13.0/12.4 count punctuation apart).
        Assert.InRange(stats.Source.Lengths.Mean, 11.8, 12.0);
        Assert.InRange(stats.Target.Lengths.Mean, 11.0, 11.2);
        Assert.True(stats.Source.Lengths.P5 <= stats.Source.Lengths.Median && stats.Source.Lengths.Median <= stats.Source.Lengths.P95);
        Assert.Single(stats.Provenance);
    }
}
