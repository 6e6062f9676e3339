using Regurgitate.Statistics;
using Xunit;

namespace Regurgitate.Tests.Statistics;

/// <summary>
/// Calibration, as statistics libraries test themselves: simulated studies with known effects
/// (<see cref="SimulatedStudy"/>), 1,000 simulations each. Monte Carlo precision: a rate near 0.95 is
/// measured with SE √(0.95·0.05/1000) ≈ 0.0069, so 93–97% is ±2.9 SE around nominal; a rate near 0.05
/// has SE ≈ 0.0069 too, so "at most 5%" is checked as ≤ 0.065 (5% + 2.2 SE). Each test also checks that a
/// deliberately broken procedure fails the same check, so the simulation has the power to catch one.
/// </summary>
public class CalibrationTests
{
    const int Simulations = 1000, Sentences = 200;

    [Fact]
    public void Intervals_with_five_seeds_cover_the_true_difference_93_to_97_percent()
    {
        const double trueDifference = 1.0;
        var study = new SimulatedStudy(20261207);
        int covered = 0, sentenceOnlyCovered = 0, seedOnlyCovered = 0;
        for (int i = 0; i < Simulations; i++)
        {
            var conditions = study.Draw([31.0, 31.0 - trueDifference], seeds: 5, Sentences);
            var draws = HierarchicalBootstrap.Run(conditions, SimulatedStudy.Score, resamples: 1000, seed: i);
            var c = PairedComparison.Compare(draws, "c0", "c1");
            if (c.Low <= trueDifference && trueDifference <= c.High) covered++;
            // Broken: the sentence variance alone, as a bootstrap over sentences with seeds fixed gives.
            double half = 1.96 * Math.Sqrt(c.SentenceVariance);
            if (Math.Abs(c.Difference - trueDifference) <= half) sentenceOnlyCovered++;
            // Broken: the seed variance alone, as a t analysis of the seeds' corpus scores gives.
            if (Math.Abs(c.Difference - trueDifference) <= 1.96 * Math.Sqrt(c.SeedVariance)) seedOnlyCovered++;
        }
        double rate = covered / (double)Simulations;
        TestContext.Current.SendDiagnosticMessage($"coverage {rate:0.000}, sentence-only {sentenceOnlyCovered}, seed-only {seedOnlyCovered}");
        Assert.InRange(rate, 0.93, 0.97);
        Assert.True(sentenceOnlyCovered / (double)Simulations < 0.93, $"sentence-only intervals covered {sentenceOnlyCovered}/{Simulations}");
        Assert.True(seedOnlyCovered / (double)Simulations < 0.93, $"seed-only intervals covered {seedOnlyCovered}/{Simulations}");
    }

    [Fact]
    public void Under_the_null_Holm_keeps_the_family_wise_rate_of_a_false_better_or_worse_at_5_percent()
    {
        // Five strategies against one shared baseline, all with the same true score; three seeds each.
        var study = new SimulatedStudy(7);
        int familyErrors = 0, oneSidedErrors = 0, unadjustedErrors = 0;
        for (int i = 0; i < Simulations; i++)
        {
            var conditions = study.Draw([30.0, 30, 30, 30, 30, 30], seeds: 3, Sentences);
            var draws = HierarchicalBootstrap.Run(conditions, SimulatedStudy.Score, resamples: 200, seed: i);
            var family = Enumerable.Range(1, 5).Select(k => PairedComparison.Compare(draws, $"c{k}", "c0")).ToArray();
            var decisions = ComparisonFamily.Decide(family);
            if (decisions.Any(d => d.Verdict is Verdict.Better or Verdict.Worse)) familyErrors++;
            // Broken: a one-sided p used as if two-sided (as sacreBLEU's paired bootstrap p behaves).
            if (Holm.Adjust([.. family.Select(c => c.PValue / 2)]).Any(p => p < 0.05)) oneSidedErrors++;
            // Broken: no multiplicity control.
            if (family.Any(c => c.PValue < 0.05)) unadjustedErrors++;
        }
        TestContext.Current.SendDiagnosticMessage($"family-wise errors {familyErrors}, one-sided {oneSidedErrors}, unadjusted {unadjustedErrors} of {Simulations}");
        Assert.True(familyErrors / (double)Simulations <= 0.065, $"{familyErrors}/{Simulations} families had a false better/worse");
        Assert.True(oneSidedErrors / (double)Simulations > 0.065, $"one-sided p gave only {oneSidedErrors}/{Simulations}");
        Assert.True(unadjustedErrors / (double)Simulations > 0.065, $"unadjusted p gave only {unadjustedErrors}/{Simulations}");
    }

    [Fact]
    public void Equivalence_is_declared_only_inside_the_margin()
    {
        // A true difference on the margin's edge: "equivalent within ±1" is false, and may be declared at
        // most α = 5% of the time (checked as ≤ 6.5%). At a true difference of 0 it should usually be declared.
        const double margin = 1.0;
        var study = new SimulatedStudy(11);
        int onEdge = 0, pointInside = 0, atZero = 0;
        for (int i = 0; i < Simulations; i++)
        {
            var edge = HierarchicalBootstrap.Run(study.Draw([30.0 + margin, 30], seeds: 10, 1000, seedSd: 0.5), SimulatedStudy.Score, resamples: 100, seed: i);
            var c = PairedComparison.Compare(edge, "c0", "c1", margin);
            if (ComparisonFamily.Decide([c])[0].Verdict == Verdict.Equivalent) onEdge++;
            // Broken: "equivalent" whenever the point estimate lies inside the margin.
            if (Math.Abs(c.Difference) < margin) pointInside++;
            var zero = HierarchicalBootstrap.Run(study.Draw([30.0, 30], seeds: 10, 1000, seedSd: 0.5), SimulatedStudy.Score, resamples: 100, seed: i);
            if (ComparisonFamily.Decide([PairedComparison.Compare(zero, "c0", "c1", margin)])[0].Verdict == Verdict.Equivalent) atZero++;
        }
        TestContext.Current.SendDiagnosticMessage($"equivalent on the edge {onEdge}, point inside {pointInside}, at zero {atZero} of {Simulations}");
        Assert.True(onEdge / (double)Simulations <= 0.065, $"equivalence declared {onEdge}/{Simulations} times at a true difference of ±margin");
        Assert.True(pointInside / (double)Simulations > 0.065, $"the point-estimate rule gave only {pointInside}/{Simulations}");
        // Power at 0 with a standard error near 0.45 is about 40–45%: this only shows the test is not vacuous.
        Assert.True(atZero / (double)Simulations > 0.3, $"equivalence shown only {atZero}/{Simulations} times at a true difference of 0");
    }

    [Fact]
    public void Pooled_seed_variance_gives_two_seed_comparisons_their_nominal_coverage()
    {
        // Twelve cells of two seeds each (a study of 4 conditions × 3 sizes), equal seed variance: pooling
        // gives the comparison 12 df. Broken: the same comparison from its own two seeds with normal quantiles.
        const double trueDifference = 1.5;
        var study = new SimulatedStudy(5);
        int covered = 0, ownNormalCovered = 0, pooledUsed = 0;
        var means = new double[12];
        means[0] = 30 + trueDifference;
        for (int k = 1; k < 12; k++) means[k] = 30 - k % 4;
        means[1] = 30;
        for (int i = 0; i < Simulations; i++)
        {
            var draws = HierarchicalBootstrap.Run(study.Draw(means, seeds: 2, Sentences, seedSd: 1.5), SimulatedStudy.Score, resamples: 300, seed: i);
            var pooled = PooledSeedVariance.Estimate(draws);
            var c = PairedComparison.Compare(draws, "c0", "c1", pooled: pooled);
            if (pooled.Supported) pooledUsed++;
            if (c.Low <= trueDifference && trueDifference <= c.High) covered++;
            var own = PairedComparison.Compare(draws, "c0", "c1");
            if (Math.Abs(own.Difference - trueDifference) <= 1.96 * own.StandardError) ownNormalCovered++;
        }
        TestContext.Current.SendDiagnosticMessage($"pooled coverage {covered}, pooling supported {pooledUsed}, own seeds with z {ownNormalCovered} of {Simulations}");
        Assert.InRange(covered / (double)Simulations, 0.93, 0.97);
        Assert.InRange(pooledUsed / (double)Simulations, 0.92, 0.98);
        Assert.True(ownNormalCovered / (double)Simulations < 0.93, $"two own seeds with normal quantiles covered {ownNormalCovered}/{Simulations}");
    }

    [Fact]
    public void Gap_share_intervals_cover_the_true_share_93_to_97_percent()
    {
        // Synthetic 28, strategy 30, human 32 (true share 0.5), three seeds each. Broken: the same percentile
        // interval from the sentence-only resamples, which keep every seed and so ignore seed variance.
        var study = new SimulatedStudy(80);
        int covered = 0, sentenceOnlyCovered = 0;
        for (int i = 0; i < Simulations; i++)
        {
            var draws = HierarchicalBootstrap.Run(study.Draw([28.0, 30.0, 32.0], seeds: 3, Sentences), SimulatedStudy.Score, resamples: 1000, seed: i);
            var share = draws.GapShare("c1", "c0", "c2");
            if (share.Low <= 0.5 && 0.5 <= share.High) covered++;
            var sentenceOnly = Enumerable.Range(0, draws.Resamples)
                .Select(b => (draws.SentenceOnly[1][b] - draws.SentenceOnly[0][b]) / (draws.SentenceOnly[2][b] - draws.SentenceOnly[0][b]))
                .Where(double.IsFinite).Order().ToArray();
            var (low, high) = Bootstrap.PercentileInterval(sentenceOnly, 0.95);
            if (low <= 0.5 && 0.5 <= high) sentenceOnlyCovered++;
        }
        TestContext.Current.SendDiagnosticMessage($"gap share coverage {covered}, sentence-only {sentenceOnlyCovered} of {Simulations}");
        Assert.InRange(covered / (double)Simulations, 0.93, 0.97);
        Assert.True(sentenceOnlyCovered / (double)Simulations < 0.93, $"sentence-only gap intervals covered {sentenceOnlyCovered}/{Simulations}");
    }
}
