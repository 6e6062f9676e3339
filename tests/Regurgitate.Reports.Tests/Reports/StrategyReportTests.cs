using Regurgitate.Reports;
using Regurgitate.Statistics;

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
        // The best single generator is chosen on the training data, not the test set: the synthetic condition whose
        // targets agree best (chrF) with the human targets.
        string best = report.Analysis.Data.Where(d => d.ConditionType == "synthetic").OrderByDescending(d => d.Chrf.Score).First().Condition;
        foreach (var comparison in mix.Where(c => c.Role == StrategyBaselines.BestSingle))
        {
            Assert.Equal(best, comparison.Baseline);
            foreach (var seed in comparison.Seeds)
            {
                Assert.Equal(RunDirectoryFixture.Expected(RunDirectoryFixture.Cells["mix"][comparison.Size][seed.Seed - 1]).Bleu, seed.ConditionBleu, 4e-4);
                Assert.Equal(RunDirectoryFixture.Expected(RunDirectoryFixture.Cells[best][comparison.Size][seed.Seed - 1]).Bleu, seed.BaselineBleu, 4e-4);
            }
            // The difference of means over seeds, each seed's BLEU recomputed from its translations.
            Assert.Equal(comparison.Seeds.Average(s => s.Difference), comparison.Difference.Difference, 4e-4);
            // A gap share only where the baseline is shown to be worse than human data: else there is no gap to close.
            var baselineGap = report.Analysis.Gaps.Single(g => g.Condition == best && g.Size == comparison.Size);
            Assert.Equal(baselineGap.Bleu.Verdict == Verdict.Worse, comparison.GapShare != null);
            Assert.Null(comparison.UnequalPool); // a mix takes the pool's first n, as its baselines do
        }
        Assert.All(mix.Where(c => c.Role == StrategyBaselines.Human), c => Assert.Null(c.GapShare));
        // One family: Holm over every strategy comparison of the report.
        Assert.All(report.Analysis.Strategies, c => Assert.True(c.Bleu.AdjustedP >= c.Difference.PValue || double.IsNaN(c.Difference.PValue)));
        Assert.Contains("## Strategies against their baselines", report.Markdown);
    }

    static StrategyComparison Row(int size, ComparisonDecision decision, string role = StrategyBaselines.PoolOrder, string baseline = "synthetic-g") =>
        new("ordered-g", baseline, role, size, [], decision, null, null, null);

    [Fact]
    public void A_strategy_verdict_is_decided_per_size_and_never_reads_absence_of_evidence_as_no_effect()
    {
        var settings = AnalysisSettings.Default;
        // Worse at 1,000 (5 points), and at 2,000 a positive but undecidable difference with 2 seeds.
        var d = StatisticsTests.Decisions(1.0, (25, 30, 3), (30.6, 30, 2));
        string verdict = StrategySection.Verdict("ordered-g", [Row(1000, d[0]), Row(2000, d[1])], settings);
        Assert.Contains("**worse**", verdict);
        Assert.Contains("worse at 1,000", verdict);
        Assert.Matches(@"inconclusive at 2,000 \(\d+ seeds per condition would decide ±1\.0\)", verdict);
        Assert.DoesNotContain("does not help", verdict);

        // Equal at both sizes, shown by TOST: equivalent, which is the only way to say "no effect".
        var e = StatisticsTests.Decisions(1.0, (30, 30.1, 10), (30, 29.9, 10));
        string equivalent = StrategySection.Verdict("ordered-g", [Row(1000, e[0]), Row(2000, e[1])], settings);
        Assert.Contains("is **equivalent within ±1.0 BLEU** to its baselines other than human data in every comparison", equivalent);

        // Only undecided comparisons: inconclusive, not "does not help".
        var u = StatisticsTests.Decisions(1.0, (30.6, 30, 2), (30.5, 30, 2));
        string open = StrategySection.Verdict("ordered-g", [Row(1000, u[0]), Row(2000, u[1])], settings);
        Assert.Contains("is **inconclusive**", open);
    }
}
