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

    /// <summary>
    /// Real decisions from simulated students: per condition, seeds whose 400 sentence scores are a shared
    /// sentence difficulty plus the condition's mean, a seed offset and noise (a fixed generator, so the test is exact).
    /// </summary>
    internal static IReadOnlyList<ComparisonDecision> Decisions(double margin, params (double MeanA, double MeanB, int Seeds)[] comparisons)
    {
        var random = new Random(7);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var difficulty = Enumerable.Range(0, 400).Select(_ => 30 + 10 * Normal()).ToArray();
        ConditionSeeds Condition(string name, double mean, int seeds) => new(name, Enumerable.Range(0, seeds).Select(_ =>
        {
            double offset = 0.5 * Normal();
            return SentenceStatistics.FromScores(difficulty.Select(d => d + mean + offset + 3 * Normal()).ToArray());
        }).ToList());
        var conditions = comparisons.SelectMany((c, i) => new[] { Condition($"a{i}", c.MeanA, c.Seeds), Condition($"b{i}", c.MeanB, c.Seeds) }).ToList();
        var draws = HierarchicalBootstrap.Run(conditions, new RatioStatistic("score", low: 0, high: 100), 1000, 1);
        return ComparisonFamily.Decide(comparisons.Select((_, i) => PairedComparison.Compare(draws, $"a{i}", $"b{i}", margin)).ToList());
    }

    [Fact]
    public void Verdicts_are_stated_in_the_four_words_and_an_undecided_one_says_what_would_decide_it()
    {
        // 5 points apart, equal (10 seeds), and 0.6 apart with 2 seeds of their own (1 df each: no test can decide that).
        var d = Decisions(1.0, (25, 30, 3), (30, 30.1, 10), (30, 30.6, 2));
        Assert.Equal([Verdict.Worse, Verdict.Equivalent, Verdict.Inconclusive], d.Select(x => x.Verdict));
        string worse = VerdictText.Full(d[0], 0.8);
        Assert.Matches(@"^\*\*worse\*\*: −[45]\.\d \[−\d", worse);
        Assert.Matches(@"p (= [0-9.]+|< 0\.0001) \(Holm [<0-9. ]+\)$", worse);
        Assert.StartsWith("**equivalent within ±1.0**: ", VerdictText.Full(d[1], 0.8));
        Assert.Contains("TOST p", VerdictText.Full(d[1], 0.8));
        string open = VerdictText.Full(d[2], 0.8);
        Assert.StartsWith("**inconclusive**: ", open);
        Assert.Matches(@"about \d+ seeds per condition would show (equivalence within ±1.0 score if the true difference were the observed −0\.\d|a difference of the observed size)", open);
        Assert.True(d[2].SeedsToDecide > 2);
        // Holm over the family of three: each adjusted p is at least its raw p.
        Assert.All(d, x => Assert.True(x.AdjustedP >= x.Comparison.PValue));
    }

    [Fact]
    public void Gap_shares_print_as_percentages_with_their_interval()
    {
        Assert.Equal("40% [15%, 62%]", VerdictText.Share(new QuantityEstimate(0.4, 0.15, 0.62, 2000, 0)));
        Assert.Equal("−12% [−40%, 9%]", VerdictText.Share(new QuantityEstimate(-0.12, -0.4, 0.09, 2000, 0)));
    }
}
