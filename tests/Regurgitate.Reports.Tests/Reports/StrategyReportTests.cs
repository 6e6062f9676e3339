using Regurgitate.Reports;

namespace Regurgitate.Tests.Reports;

/// <summary>
/// Strategies against their honest baselines, on the WMT17 fixture: its `mix` (weak systems' outputs) is a
/// strategy, the two `synthetic` conditions its single generators.
/// </summary>
public class StrategyReportTests(WrittenReport report) : IClassFixture<WrittenReport>
{
    [Fact]
    public void A_mix_is_compared_with_human_data_and_the_best_single_generator_at_each_size()
    {
        var mix = report.Analysis.Strategies.Where(c => c.Strategy == "mix").ToList();
        Assert.Equal(6, mix.Count); // 3 sizes × (human, best single generator); a mix has no "same data" control
        foreach (var comparison in mix.Where(c => c.Role == StrategyBaselines.BestSingle))
        {
            // The best single generator at a size is the synthetic condition with the higher mean BLEU there.
            double Mean(string condition) => RunDirectoryFixture.Cells[condition][comparison.Size].Average(s => RunDirectoryFixture.Expected(s).Bleu);
            string best = Mean("synthetic-strong") >= Mean("synthetic-weak") ? "synthetic-strong" : "synthetic-weak";
            Assert.Equal(best, comparison.Baseline);
            foreach (var seed in comparison.Seeds)
            {
                Assert.Equal(RunDirectoryFixture.Expected(RunDirectoryFixture.Cells["mix"][comparison.Size][seed.Seed - 1]).Bleu, seed.ConditionBleu, 4e-4);
                Assert.Equal(RunDirectoryFixture.Expected(RunDirectoryFixture.Cells[best][comparison.Size][seed.Seed - 1]).Bleu, seed.BaselineBleu, 4e-4);
            }
            Assert.Equal(comparison.Seeds.Average(s => s.Difference), comparison.Difference.Mean, 1e-9);
        }
        Assert.Contains("## Strategies against their baselines", report.Markdown);
    }

    [Fact]
    public void The_report_says_plainly_when_a_strategy_does_not_help()
    {
        SeedSummary Summary(params double[] values) => SeedSummary.Of(values);
        SeedGap Seed(long seed, double baseline, double strategy) => new(seed, baseline, strategy, 0.01);
        var worse = new StrategyComparison("ordered-g", "synthetic-g", StrategyBaselines.PoolOrder, 1000, [Seed(1, 20, 18), Seed(2, 21, 19.1), Seed(3, 20, 17.9)], Summary(-2, -1.9, -2.1));
        var unclear = new StrategyComparison("ordered-g", "synthetic-g", StrategyBaselines.PoolOrder, 2000, [Seed(1, 20, 21), Seed(2, 21, 20.5), Seed(3, 20, 20)], Summary(1, -0.5, 0));
        string verdict = StudyReport.StrategyVerdict("ordered-g", [worse, unclear]);
        Assert.Contains("**does not help**", verdict);
        Assert.Contains("worse at 1,000 pairs", verdict);
        Assert.Contains("no measurable difference at the other 1 size", verdict);

        // Higher in every seed but two seeds: not shown either way, and the report says what would settle it.
        var consistent = worse with { Size = 2000, Seeds = [Seed(1, 20, 22), Seed(2, 21, 26)], Difference = Summary(2, 5) };
        string open = StudyReport.StrategyVerdict("ordered-g", [worse, consistent]);
        Assert.Contains("**not shown to help**", open);
        Assert.Contains("higher in every seed at 2,000 pairs", open);

        var better = worse with { Size = 4000, Seeds = [Seed(1, 20, 23), Seed(2, 21, 24.2), Seed(3, 20, 23.1)], Difference = Summary(3, 3.2, 3.1) };
        string helps = StudyReport.StrategyVerdict("ordered-g", [worse, better]);
        Assert.DoesNotContain("does not help", helps);
        Assert.Contains("better at 4,000 pairs", helps);
    }
}
