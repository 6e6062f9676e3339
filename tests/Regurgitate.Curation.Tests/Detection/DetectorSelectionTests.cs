using Regurgitate.Detection;

namespace Regurgitate.Tests.Curation.Detection;

/// <summary>Ranked inclusion and detector-weighted sampling.</summary>
public sealed class DetectorSelectionTests
{
    [Fact]
    public void Ranking_is_best_first_with_ties_in_original_order()
    {
        Assert.Equal([1, 3, 0, 2, 4], HumanLikenessRanking.Order([0.5, 0.9, 0.5, 0.7, 0.1]));
        Assert.Equal([1, 3], HumanLikenessRanking.Top([0.5, 0.9, 0.5, 0.7, 0.1], 2));
        Assert.Throws<InputException>(() => HumanLikenessRanking.Top([0.5], 2));
    }

    [Fact]
    public void Weighted_sampling_is_seeded_respects_the_cap_and_leans_to_human_like_pairs()
    {
        var p = Enumerable.Range(0, 1000).Select(i => i / 1000.0).ToArray();
        var sample = DetectorWeightedSampling.Sample(p, 1500, exponent: 2, maxRepeats: 3, seed: 4);
        Assert.Equal(1500, sample.Length);
        Assert.Equal(sample, DetectorWeightedSampling.Sample(p, 1500, exponent: 2, maxRepeats: 3, seed: 4));
        Assert.NotEqual(sample, DetectorWeightedSampling.Sample(p, 1500, exponent: 2, maxRepeats: 3, seed: 5));
        Assert.True(sample.GroupBy(i => i).Max(g => g.Count()) <= 3);
        Assert.True(sample.Count(i => i >= 500) > 2 * sample.Count(i => i < 500));

        var uniform = DetectorWeightedSampling.Sample(p, 1000, exponent: 0, maxRepeats: 1, seed: 4);
        Assert.Equal(Enumerable.Range(0, 1000), uniform.Order());
        Assert.Throws<InputException>(() => DetectorWeightedSampling.Sample(p, 2001, exponent: 1, maxRepeats: 2, seed: 1));
    }

    [Fact]
    public void Audit_of_a_perfect_detector_recovers_the_share_exactly()
    {
        var heldOut = LabelledScores.Of([.. Enumerable.Repeat(0.9, 50)], [.. Enumerable.Repeat(0.1, 50)]);
        var corpus = Enumerable.Repeat(0.9, 70).Concat(Enumerable.Repeat(0.1, 30)).ToArray();
        var estimate = MachineShareAudit.Estimate(corpus, heldOut, bootstrapSamples: 200);
        Assert.Equal(0.3, estimate.Share, 12);
        Assert.Equal(1, estimate.TruePositiveRate);
        Assert.Equal(0, estimate.FalsePositiveRate);
        Assert.True(estimate.Lower < 0.3 && estimate.Upper > 0.3);
    }
}
