using Regurgitate.Reports;
using Regurgitate.RunDirectories;
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
        Assert.Matches(@"inconclusive at 2,000 \(about \d+ seeds per condition would decide it if the true differences were the observed ones\)", verdict);
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

    static CellResult Cell(string condition, string type, params string[] generators) => new()
    {
        Cell = condition + ".n1000.s1", Condition = condition, ConditionType = type, Generators = generators, Size = 1000, Seed = 1,
        Status = CellStatus.Done, Bleu = 20,
    };

    static DataRow Data(string condition, string type, int pool, string? ordering, params string[] generators) => new()
    {
        Condition = condition, ConditionType = type, Generators = generators, Size = 1000, Pool = pool, Ordering = ordering,
        Sources = "s", Targets = "t", HumanTargets = "h", TargetLanguage = "en",
    };

    [Fact]
    public void A_selecting_strategy_meets_its_equal_pool_controls_and_its_first_n_baselines_are_marked_unequal()
    {
        CellResult[] cells =
        [
            Cell("human", "human"), Cell("synthetic-other", "synthetic", "other"), Cell("synthetic-teacher", "synthetic", "teacher"),
            Cell("ordered-other", "ordered", "other"), Cell("pruned-human-quality-combined", "pruned-human"),
            Cell("pruned-human-detector-linear-vs-other", "pruned-human"), Cell("oracle-other", "oracle", "other"), Cell("oracle-teacher", "oracle", "teacher"),
        ];
        DataRow[] data =
        [
            Data("human", "human", 1000, null), Data("synthetic-other", "synthetic", 1000, null, "other"), Data("synthetic-teacher", "synthetic", 1000, null, "teacher"),
            Data("ordered-other", "ordered", 8000, "quality:combined", "other"), Data("pruned-human-quality-combined", "pruned-human", 8000, "quality:combined"),
            Data("pruned-human-detector-linear-vs-other", "pruned-human", 8000, "detector:linear:vs-other"),
            Data("oracle-other", "oracle", 8000, "oracle:chrF", "other"), Data("oracle-teacher", "oracle", 8000, "oracle:chrF", "teacher"),
        ];
        var chrf = new Dictionary<string, double> { ["synthetic-other"] = 40, ["synthetic-teacher"] = 55 };
        var baselines = StrategyBaselines.For(cells[3], 1000, cells, data, chrf);
        Assert.Equal(
        [
            (StrategyBaselines.Human, "human", true), (StrategyBaselines.PoolOrder, "synthetic-other", true), (StrategyBaselines.BestSingle, "synthetic-teacher", true),
            (StrategyBaselines.PrunedHuman, "pruned-human-quality-combined", false), (StrategyBaselines.Oracle, "oracle-other", false),
        ], baselines.Select(b => (b.Role, b.Condition, b.UnequalPool != null)));
        Assert.Equal("ordered-other chooses 1,000 of 8,000 pairs; the baseline takes the pool's first 1,000", baselines[0].UnequalPool);

        // Without its controls, the verdict says that pruning alone is not ruled out.
        var d = StatisticsTests.Decisions(1.0, (32, 30, 10));
        var unequal = new StrategyComparison("ordered-other", "synthetic-other", StrategyBaselines.PoolOrder, 1000, [], d[0], null, null, baselines[1].UnequalPool);
        string verdict = StrategySection.Verdict("ordered-other", [unequal], AnalysisSettings.Default);
        Assert.Contains("unequal pools against synthetic-other (at 1,000: ordered-other chooses 1,000 of 8,000 pairs; the baseline takes the pool's first 1,000)", verdict);
        Assert.Contains("No baseline was drawn from an equal pool", verdict);
        var equal = unequal with { Baseline = "pruned-human-quality-combined", Role = StrategyBaselines.PrunedHuman, UnequalPool = null };
        Assert.DoesNotContain("No baseline was drawn from an equal pool", StrategySection.Verdict("ordered-other", [unequal, equal], AnalysisSettings.Default));
    }
}

/// <summary>Seeds planned from the fixture run's own variance (`regurg study power`).</summary>
public class StudyPowerTests(WrittenReport report) : IClassFixture<WrittenReport>
{
    [Fact]
    public void Each_comparison_gets_the_seeds_its_variance_needs_at_holms_first_step()
    {
        var a = report.Analysis;
        var power = StudyPower.Of(a, effect: 2.0);
        Assert.Equal(a.Gaps.Count + a.Strategies.Count, power.Rows.Count);
        var gap = a.Gaps[0];
        var row = power.Rows[0];
        Assert.Equal(SeedPlanning.SeedsNeeded(gap.Difference.PerSeedVariance, gap.Difference.SentenceVariance, gap.Difference.Sentences, 2.0, 0.05 / a.Gaps.Count, 0.8), row.SeedsNeeded);
        Assert.Equal(gap.Difference.Difference, row.Difference);
        // A smaller effect needs at least as many seeds, and a larger one at most as many.
        var smaller = StudyPower.Of(a, effect: 1.0);
        Assert.All(power.Rows.Zip(smaller.Rows), pair => Assert.True((pair.Second.SeedsNeeded ?? int.MaxValue) >= (pair.First.SeedsNeeded ?? int.MaxValue)));
    }

    [Fact]
    public void Expected_half_widths_shrink_with_seeds_towards_the_test_sets_own_floor()
    {
        var a = report.Analysis;
        double two = StudyPower.ExpectedHalfWidth(a.Inference, a.Gaps, 2)!.Value, ten = StudyPower.ExpectedHalfWidth(a.Inference, a.Gaps, 10)!.Value;
        Assert.True(ten < two);
        // With 2 seeds the expectation is of the size of the gaps' actual half-widths (both use this run's variance).
        double actual = Quantiles.Median(a.Gaps.Select(g => (g.Difference.High - g.Difference.Low) / 2).Order().ToList());
        Assert.InRange(two, actual * 0.8, actual * 1.25);
        // The sentence part stays whatever the seeds: 1.96·√V_sent is a floor.
        double floor = 1.96 * Math.Sqrt(Quantiles.Median(a.Gaps.Select(g => g.Difference.SentenceVariance).Order().ToList()));
        Assert.True(StudyPower.ExpectedHalfWidth(a.Inference, a.Gaps, 200)!.Value >= floor * 0.99);
    }
}
