using Regurgitate.Statistics;

namespace Regurgitate.Tests.Statistics;

public class ComparisonFamilyTests
{
    static BootstrapDraws Draws(double[] means, int seeds, int sentences, double seedSd, int seed = 1, ICorpusStatistic? statistic = null) =>
        HierarchicalBootstrap.Run(new SimulatedStudy(seed).Draw(means, seeds, sentences, seedSd), statistic ?? SimulatedStudy.Score, resamples: 400);

    [Fact]
    public void A_clear_difference_is_better_one_way_and_worse_the_other()
    {
        var draws = Draws([34.0, 30.0], seeds: 4, sentences: 400, seedSd: 0.5);
        var decisions = ComparisonFamily.Decide([PairedComparison.Compare(draws, "c0", "c1"), PairedComparison.Compare(draws, "c1", "c0")]);
        Assert.Equal(Verdict.Better, decisions[0].Verdict);
        Assert.Equal("better", decisions[0].Words);
        Assert.Equal(Verdict.Worse, decisions[1].Verdict);
        Assert.True(decisions[0].AdjustedP >= decisions[0].Comparison.PValue);
        Assert.Null(decisions[0].SeedsToDecide);
        Assert.InRange(decisions[0].Comparison.Difference, 3, 5);
        Assert.True(decisions[0].Comparison.Low > 0);
    }

    [Fact]
    public void Where_lower_is_better_a_positive_difference_is_worse()
    {
        var nll = new RatioStatistic("NLL/token", higherIsBetter: false);
        var draws = Draws([34.0, 30.0], seeds: 4, sentences: 400, seedSd: 0.5, statistic: nll);
        Assert.Equal(Verdict.Worse, ComparisonFamily.Decide([PairedComparison.Compare(draws, "c0", "c1")])[0].Verdict);
    }

    [Fact]
    public void A_precise_null_difference_is_equivalent_within_the_margin()
    {
        var draws = Draws([30.0, 30.0], seeds: 12, sentences: 2000, seedSd: 0.2, seed: 3);
        var decision = ComparisonFamily.Decide([PairedComparison.Compare(draws, "c0", "c1", margin: 1.0)])[0];
        Assert.Equal(Verdict.Equivalent, decision.Verdict);
        Assert.Equal("equivalent within ±1.0", decision.Words);
        Assert.True(decision.AdjustedEquivalenceP < 0.05);
    }

    [Fact]
    public void An_imprecise_comparison_is_inconclusive_and_says_how_many_seeds_would_decide()
    {
        var draws = Draws([30.5, 30.0], seeds: 2, sentences: 3000, seedSd: 1.5, seed: 4);
        var comparison = PairedComparison.Compare(draws, "c0", "c1");
        var decision = ComparisonFamily.Decide([comparison, comparison])[0];
        Assert.Equal(Verdict.Inconclusive, decision.Verdict);
        Assert.Equal("inconclusive", decision.Words);
        Assert.NotNull(decision.SeedsToDecide);
        Assert.True(decision.SeedsToDecide > 2);
        // Planned at α / 2 for a family of two, so never fewer seeds than a single comparison needs.
        int? single = SeedPlanning.SeedsNeeded(comparison.PerSeedVariance, comparison.SentenceVariance, comparison.Sentences, comparison.Margin);
        Assert.True(decision.SeedsToDecide >= single);
    }

    [Fact]
    public void One_seed_each_has_no_seed_variance_and_decides_nothing()
    {
        var draws = Draws([40.0, 30.0], seeds: 1, sentences: 200, seedSd: 1);
        var comparison = PairedComparison.Compare(draws, "c0", "c1");
        Assert.True(double.IsNaN(comparison.PValue));
        Assert.Equal(Verdict.Inconclusive, ComparisonFamily.Decide([comparison])[0].Verdict);
    }

    [Fact]
    public void Seeds_needed_follow_the_power_formula()
    {
        // No sentence variance, σ² = 1 per seed, effect 1: the normal approximation 2σ²(z.975 + z.8)²/δ² = 15.7
        // seeds; Student's t quantiles ask for one or two more.
        Assert.InRange(SeedPlanning.SeedsNeeded(1, 0, 3000, 1)!.Value, 16, 18);
        Assert.True(SeedPlanning.SeedsNeeded(1, 0, 3000, 2) < SeedPlanning.SeedsNeeded(1, 0, 3000, 1));
        Assert.True(SeedPlanning.SeedsNeeded(1, 0, 3000, 1, power: 0.9) > SeedPlanning.SeedsNeeded(1, 0, 3000, 1));
        // A sentence variance no number of seeds removes: the test set is too small for this effect.
        Assert.Null(SeedPlanning.SeedsNeeded(1, 1, 3000, 1));
    }

    [Fact]
    public void Bartlett_statistic_matches_the_formula_and_unequal_variances_are_not_pooled()
    {
        // Two cells of two seeds with variances 1 and 100: s_p² = 50.5,
        // T = (2 ln 50.5 − ln 1 − ln 100) / (1 + (2 − 1/2)/3) = 2.15918..., p = P(χ²₁ ≥ T) = 2Φ(−√T).
        var seeds = new[] { new[] { 0.0, Math.Sqrt(2) }, [0.0, Math.Sqrt(200)] };
        var draws = HierarchicalBootstrap.Run(
            [.. seeds.Select((s, i) => new ConditionSeeds($"c{i}", [.. s.Select(v => SentenceStatistics.FromScores([v, v]))]))],
            SimulatedStudy.Score, resamples: 10);
        var pooled = PooledSeedVariance.Estimate(draws);
        Assert.Equal(50.5, pooled.Variance, 9);
        Assert.Equal(2, pooled.DegreesOfFreedom);
        double t = (2 * Math.Log(50.5) - Math.Log(100)) / 1.5;
        Assert.Equal(t, pooled.BartlettStatistic, 9);
        Assert.Equal(2 * NormalDistribution.Cdf(-Math.Sqrt(t)), pooled.BartlettP, 9);
        Assert.True(pooled.Supported);

        var unequal = Draws([30.0, 30, 30, 30], seeds: 6, sentences: 100, seedSd: 0.2, seed: 5);
        var wide = HierarchicalBootstrap.Run(new SimulatedStudy(6).Draw([30.0, 30, 30, 30], [6, 6, 6, 6], 100, [0.2, 0.2, 0.2, 6]), SimulatedStudy.Score, resamples: 10);
        var rejected = PooledSeedVariance.Estimate(wide);
        Assert.False(rejected.Supported);
        Assert.Contains("rejects", rejected.Reason);
        var comparison = PairedComparison.Compare(wide, "c0", "c1", pooled: rejected);
        Assert.False(comparison.PooledSeeds);
        Assert.True(PairedComparison.Compare(unequal, "c0", "c1", pooled: PooledSeedVariance.Estimate(unequal)).PooledSeeds);
    }
}
