using Regurgitate.Reports;
using Regurgitate.Statistics;

namespace Regurgitate.Tests.Reports;

/// <summary>The report's own statistics on hand-made numbers: t-intervals, log-linear fits, exchange rates.</summary>
public class StatisticsTests
{
    [Fact]
    public void Seed_summary_is_the_student_t_interval()
    {
        var s = SeedSummary.Of([1.0, 2.0, 3.0]);
        Assert.Equal((3, 2.0, 1.0), (s.N, s.Mean, s.StandardDeviation));
        Assert.Equal(4.303 / Math.Sqrt(3), s.HalfWidth, 1e-12);
        var one = SeedSummary.Of([7.5]);
        Assert.False(one.HasInterval);
        Assert.Equal("7.5 (n=1, no CI)", ReportFormat.MeanCi(one));
        // Beyond the table the expansion stays close to the tabulated values (t(0.975, 40) = 2.021, t(0.975, 120) = 1.980).
        Assert.Equal(2.021, StudentT.Quantile975(40), 1e-3);
        Assert.Equal(1.980, StudentT.Quantile975(120), 1e-3);
    }

    [Fact]
    public void Scores_print_a_typographic_minus_and_never_minus_zero()
    {
        Assert.Equal("−8.4", ReportFormat.Score(-8.4));
        Assert.Equal("0.0", ReportFormat.Score(-0.04));
        Assert.Equal("12.3", ReportFormat.Score(12.34));
    }

    [Fact]
    public void Pooled_seed_deviation_weights_each_group_by_its_degrees_of_freedom()
    {
        static CurvePoint Point(int size, params double[] bleu) => new(size, SeedSummary.Of(bleu), SeedSummary.Of(bleu), 0);
        // Groups with s = 1 (n = 2: one degree of freedom) and s = 2 (n = 3: two); a one-seed group adds nothing.
        var curves = new[]
        {
            new LearningCurve("human", "human", [Point(1000, 4, 5.414213562373095), Point(2000, 9)], null),
            new LearningCurve("synthetic", "synthetic", [Point(1000, 1, 3, 5)], null),
        };
        var (deviation, freedom) = StudyAnalysis.PooledSeedDeviation(curves)!.Value;
        Assert.Equal(3, freedom);
        Assert.Equal(Math.Sqrt((1 * 1.0 + 2 * 4.0) / 3), deviation, 1e-9);
        Assert.Null(StudyAnalysis.PooledSeedDeviation([new LearningCurve("human", "human", [Point(1000, 4)], null)]));
    }

    static LogLinearFit Curve(params (int Size, double Bleu)[] points) => LogLinearFit.Of(points)!;

    [Fact]
    public void Exchange_rate_interpolates_on_log_linear_curves_and_says_when_it_is_not_reached()
    {
        // Human gains 5 BLEU per doubling from 10 at 1,000 pairs; synthetic gains 3 from 8.
        var human = Curve((1000, 10), (2000, 15), (4000, 20));
        var synthetic = Curve((1000, 8), (2000, 11), (4000, 14));
        Assert.Equal(1.0, human.RSquared, 12);
        Assert.Equal(15, human.At(2000), 9);

        // 1,000 human pairs (10 BLEU) = synthetic at 1000·2^(2/3) pairs.
        var reached = ExchangeRate.Between("synthetic", human, synthetic, 1000);
        Assert.Equal(ExchangeOutcome.Reached, reached.Outcome);
        Assert.Equal(1000 * Math.Pow(2, 2.0 / 3), reached.Size!.Value, 6);
        Assert.Equal(Math.Pow(2, 2.0 / 3), reached.PairsPerHumanPair!.Value, 9);

        // 2,000 human pairs (15 BLEU) would need 1000·2^(7/3) ≈ 5,040 synthetic pairs: beyond the 4,000 run.
        var notReached = ExchangeRate.Between("synthetic", human, synthetic, 2000);
        Assert.Equal(ExchangeOutcome.NotReached, notReached.Outcome);
        Assert.Null(notReached.Size);
        Assert.Equal("not reached within the sizes run", StudyReport.ExchangeText(notReached));

        // A condition better than human everywhere beats 1,000 human pairs with fewer pairs than it was run at.
        var better = Curve((1000, 12), (2000, 17), (4000, 22));
        Assert.Equal(ExchangeOutcome.BelowSmallestSize, ExchangeRate.Between("better", human, better, 1000).Outcome);
        // Same curve: one pair for one pair, also at the ends of the range.
        var same = ExchangeRate.Between("same", human, human, 4000);
        Assert.Equal(ExchangeOutcome.Reached, same.Outcome);
        Assert.Equal(4000, same.Size!.Value, 6);
        Assert.Equal("4,000 (1.00×)", StudyReport.ExchangeText(same));
        // A falling curve has no exchange rate.
        var falling = Curve((1000, 9), (2000, 8), (4000, 7));
        Assert.Equal(ExchangeOutcome.CurveDoesNotRise, ExchangeRate.Between("falling", human, falling, 1000).Outcome);
        Assert.Null(LogLinearFit.Of([(1000, 5.0), (1000, 6.0)]));
    }

    [Fact]
    public void Wilson_interval_of_a_share_is_sane_at_zero()
    {
        var none = new ErrorShare("copied_source", 0, 3004);
        Assert.Equal(0, none.Interval.Low);
        Assert.InRange(none.Interval.High, 0.0005, 0.0015);
        var half = new ErrorShare("x", 50, 100);
        Assert.Equal(0.5, (half.Interval.Low + half.Interval.High) / 2, 9);
    }

    static GapToHuman Gap(params (double Human, double Condition, double P)[] seeds)
    {
        var list = seeds.Select((s, i) => new SeedGap(i + 1, s.Human, s.Condition, s.P)).ToList();
        return new GapToHuman("synthetic", 1000, list, SeedSummary.Of(list.Select(s => s.Difference).ToList()));
    }

    [Fact]
    public void Gap_verdict_follows_the_interval_over_seeds_and_qualifies_it_with_the_paired_tests()
    {
        Assert.StartsWith("**worse than human data**", StudyReport.GapVerdict(Gap((20, 15, 0.001), (21, 15.5, 0.001), (20.5, 15.2, 0.001))));
        Assert.StartsWith("**better than human data**: here the machine-made targets helped",
            StudyReport.GapVerdict(Gap((20, 22, 0.001), (21, 23.1, 0.001), (20.5, 22.4, 0.001))));
        Assert.StartsWith("lower than human in every seed", StudyReport.GapVerdict(Gap((20, 19, 0.01), (21, 15, 0.001))));
        Assert.StartsWith("not distinguishable from human data (the 95% interval over 2 seeds includes 0; paired bootstrap p < 0.05 in 0 of 2 seeds)",
            StudyReport.GapVerdict(Gap((20, 19.8, 0.4), (21, 21.3, 0.3))));
        Assert.StartsWith("worse than human data on the one seed run", StudyReport.GapVerdict(Gap((20, 15, 0.001))));
    }
}
