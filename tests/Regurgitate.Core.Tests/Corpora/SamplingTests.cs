using Regurgitate.Corpora;
using Regurgitate.Corpora.Datasets;
using Regurgitate.Corpora.Sampling;

namespace Regurgitate.Tests.Corpora;

public class SamplingTests
{
    static Corpus Train => DatasetCatalog.Open("multi30k:train:de-en", TestData.DataDirectory);

    static Corpus Numbered(int n) =>
        Corpus.FromPairs("numbered", [.. Enumerable.Range(1, n).Select(i => new SentencePair($"s{i}", $"t{i}", Provenance.Human, i.ToString()))]);

    [Fact]
    public void Seeded_rank_is_pinned_so_subsets_never_change_across_platforms_or_versions()
    {
        // Values computed once by this implementation; a change here changes every published subset.
        Assert.Equal(SeededRank.Of("1", 1), SeededRank.Of("1", 1));
        Assert.NotEqual(SeededRank.Of("1", 1), SeededRank.Of("1", 2));
        Assert.NotEqual(SeededRank.Of("1", 1), SeededRank.Of("2", 1));
        Assert.Equal(PinnedRank, SeededRank.Of("multi30k", 42).ToString("x16"));
    }

    const string PinnedRank = "ae71eaeff09e395b";

    [Fact]
    public void Random_subset_is_the_same_for_the_same_seed_and_differs_for_another()
    {
        var a = Subsets.Random(Train, 1_000, seed: 7);
        var b = Subsets.Random(Train, 1_000, seed: 7);
        var c = Subsets.Random(Train, 1_000, seed: 8);
        Assert.Equal(1_000, a.Count);
        Assert.Equal(a, b);
        Assert.True(a.Intersect(c).Count() < 200, "another seed should give a mostly different subset");
        // Kept in corpus order, and spread over the whole corpus rather than a prefix.
        var positions = a.Select(p => int.Parse(p.Id!)).ToList();
        Assert.Equal(positions.Order(), positions);
        Assert.True(positions.Max() > 25_000 && positions.Min() < 4_000);
    }

    [Fact]
    public void Increments_are_nested_and_equal_random_subsets_of_their_size()
    {
        var order = Subsets.Order(Train, seed: 3);
        Assert.Equal(29_000, order.Count);
        var increments = order.Increments(10_000);
        Assert.Equal([10_000, 20_000, 29_000], increments.Select(c => c.Count()));
        var small = increments[0].Select(p => p.Id).ToHashSet();
        var large = increments[1].Select(p => p.Id).ToHashSet();
        Assert.Subset(large, small);
        Assert.Equal(Subsets.Random(Train, 10_000, seed: 3).Select(p => p.Id), increments[0].Select(p => p.Id));
        // Every smaller random subset is inside every larger one for the same seed.
        Assert.Subset(Subsets.Random(Train, 5_000, 3).ToHashSet(), Subsets.Random(Train, 2_500, 3).ToHashSet());
    }

    [Fact]
    public void First_n_streams_a_prefix()
    {
        var first = Subsets.First(Train, 5).ToList();
        Assert.Equal(["1", "2", "3", "4", "5"], first.Select(p => p.Id));
        Assert.Equal(5, Subsets.First(Train, 5).KnownCount);
        Assert.Equal(3, Subsets.First(Numbered(3), 10).Count());
    }

    [Fact]
    public void Random_of_more_than_the_corpus_returns_all_of_it()
    {
        Assert.Equal(Numbered(5).ToList(), Subsets.Random(Numbered(5), 100, 1));
        Assert.Empty(Subsets.Random(Numbered(5), 0, 1));
    }

    [Fact]
    public void Grouped_split_keeps_groups_whole_and_hits_the_requested_sizes()
    {
        // 3,000 pairs in 1,000 groups of sizes 1, 2 and 6.
        var pairs = Enumerable.Range(0, 1_000)
            .SelectMany(g => Enumerable.Range(0, g % 3 == 0 ? 1 : g % 3 == 1 ? 2 : 6).Select(k => new SentencePair($"src{g}", $"tgt{g}.{k}", Provenance.Human, $"{g}.{k}")))
            .ToList();
        var split = GroupedSplit.Compute(pairs, p => p.Source, validPairs: 300, testPairs: 300, seed: 5);
        Assert.Equal(300, split.ValidPairs);
        Assert.Equal(300, split.TestPairs);
        Assert.Equal(pairs.Count - 600, split.TrainPairs);
        foreach (var group in pairs.GroupBy(p => p.Source))
            Assert.Single(group.Select(split.PartOf).Distinct());
        Assert.Equal(300, split.Select(pairs, SplitPart.Valid).Count());
        var again = GroupedSplit.Compute(pairs, p => p.Source, 300, 300, 5);
        Assert.Equal(split.Select(pairs, SplitPart.Test), again.Select(pairs, SplitPart.Test));
        var other = GroupedSplit.Compute(pairs, p => p.Source, 300, 300, 6);
        Assert.NotEqual(split.Select(pairs, SplitPart.Test), other.Select(pairs, SplitPart.Test));
    }
}
