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
}
