using Regurgitate.Metrics;
using Regurgitate.Statistics;

namespace Regurgitate.Tests.Statistics;

public class HierarchicalBootstrapTests
{
    static readonly Bleu Bleu = new();
    static readonly MetricStatistic BleuStatistic = new(Bleu);

    static SentenceStatistics BleuOf(string system)
    {
        var reference = File.ReadAllLines(TestData.Wmt17("reference.de"));
        var hypotheses = File.ReadAllLines(TestData.Wmt17(system));
        return SentenceStatistics.From(Bleu.Statistics(hypotheses, [reference]));
    }

    static ConditionSeeds Condition(string name, params string[] systems) => new(name, [.. systems.Select(BleuOf)]);

    [Fact]
    public void Seed_scores_are_corpus_bleu_recomputed_from_sentence_statistics()
    {
        var draws = HierarchicalBootstrap.Run([Condition("strong", "uedin-nmt.4722.de", "KIT.4950.de")], BleuStatistic, resamples: 20);
        Assert.Equal(28.3012, draws.SeedScores[0][0], 3);
        Assert.Equal(26.076, draws.SeedScores[0][1], 3);
        Assert.Equal((28.3012 + 26.076) / 2, draws.Point[0], 3);
        Assert.Equal(3004, draws.Sentences);
        // A resample repeats and drops sentences, so its corpus BLEU moves, but stays a BLEU score.
        Assert.All(draws.Crossed[0], v => Assert.InRange(v, 20, 35));
        Assert.Contains(draws.Crossed[0], v => Math.Abs(v - draws.Point[0]) > 0.05);
    }

    [Fact]
    public void ChrF_resamples_through_the_same_interface()
    {
        var chrf = new Chrf();
        var reference = File.ReadAllLines(TestData.Wmt17("reference.de"));
        SentenceStatistics Of(string system) => SentenceStatistics.From(chrf.Statistics(File.ReadAllLines(TestData.Wmt17(system)), [reference]));
        var draws = HierarchicalBootstrap.Run([new ConditionSeeds("f", [Of("online-F.0.de")]), new ConditionSeeds("u", [Of("uedin-nmt.4722.de")])],
            new MetricStatistic(chrf), resamples: 50);
        Assert.Equal(49.2588, draws.Point[0], 3);
        Assert.Equal(57.7227, draws.Point[1], 3);
        Assert.Equal("chrF2", draws.Statistic.Name);
        Assert.All(draws.Crossed[1], v => Assert.InRange(v, 55, 60));
    }

    [Fact]
    public void The_same_seed_gives_the_same_resamples_and_another_seed_others()
    {
        var conditions = new SimulatedStudy(1).Draw([30.0, 29], seeds: 3, sentences: 50);
        var first = HierarchicalBootstrap.Run(conditions, SimulatedStudy.Score, resamples: 100, seed: 9);
        var again = HierarchicalBootstrap.Run(conditions, SimulatedStudy.Score, resamples: 100, seed: 9);
        var other = HierarchicalBootstrap.Run(conditions, SimulatedStudy.Score, resamples: 100, seed: 10);
        Assert.Equal(first.Crossed[1], again.Crossed[1]);
        Assert.Equal(first.SentenceOnly[0], again.SentenceOnly[0]);
        Assert.NotEqual(first.Crossed[1], other.Crossed[1]);
    }

    [Fact]
    public void Both_systems_are_resampled_on_the_same_sentences()
    {
        // One seed each and the same outputs: paired resampling makes every resampled difference exactly 0,
        // where resampling each system's sentences on its own would not.
        var draws = HierarchicalBootstrap.Run([Condition("a", "online-A.0.de"), Condition("b", "online-A.0.de")], BleuStatistic, resamples: 50);
        for (int r = 0; r < draws.Resamples; r++) Assert.Equal(draws.Crossed[0][r], draws.Crossed[1][r]);
        var c = PairedComparison.Compare(draws, "a", "b");
        Assert.Equal(0, c.Difference);
        Assert.Equal(0, c.SentenceVariance);
    }

    [Fact]
    public void Mismatched_test_sets_and_statistics_are_refused()
    {
        var fifty = new SimulatedStudy(2).Draw([1.0], seeds: 1, sentences: 50)[0];
        var forty = new SimulatedStudy(2).Draw([1.0], seeds: 1, sentences: 40)[0] with { Name = "short" };
        Assert.Throws<ArgumentException>(() => HierarchicalBootstrap.Run([fifty, forty], SimulatedStudy.Score));
        Assert.Throws<ArgumentException>(() => HierarchicalBootstrap.Run([fifty], BleuStatistic));
        Assert.Throws<ArgumentException>(() => HierarchicalBootstrap.Run([new ConditionSeeds("none", [])], SimulatedStudy.Score));
    }

    [Fact]
    public void A_cell_interval_stays_inside_the_metrics_range()
    {
        // Two seeds far apart near 0 on a score that cannot be negative: a t interval with 1 df would
        // reach far below 0 (the report's "[−8.4, 15.7]"); this one does not.
        var bounded = new RatioStatistic("rate", low: 0, high: 100);
        var random = new Random(4);
        var seeds = new[] { 0.5, 6.0 }.Select(level => SentenceStatistics.FromScores([.. Enumerable.Range(0, 300).Select(_ => level * 2 * random.NextDouble())])).ToArray();
        var draws = HierarchicalBootstrap.Run([new ConditionSeeds("low", seeds)], bounded, resamples: 500);
        var cell = CellScore.Estimate(draws, "low");
        Assert.InRange(cell.Score, 2, 4.5);
        Assert.True(cell.Low >= 0, $"interval [{cell.Low}, {cell.High}]");
        Assert.True(cell.High > cell.Score);
        double tHalf = TDistribution.Quantile(0.975, cell.DegreesOfFreedom) * cell.StandardError;
        Assert.True(cell.Score - tHalf < 0, "the unclipped t interval would have crossed 0: the test would not show anything");
    }

    [Fact]
    public void Gap_share_and_exchange_rate_come_from_the_same_resamples()
    {
        // Sentence for sentence, strategy = synthetic + 1 and human = synthetic + 2: the strategy closes half
        // the gap in every resample.
        var random = new Random(3);
        var synthetic = Enumerable.Range(0, 200).Select(_ => 20 + 10 * random.NextDouble()).ToArray();
        ConditionSeeds Shifted(string name, double by) => new(name, [SentenceStatistics.FromScores([.. synthetic.Select(v => v + by)])]);
        var draws = HierarchicalBootstrap.Run([Shifted("synthetic", 0), Shifted("strategy", 1), Shifted("human", 2)], SimulatedStudy.Score, resamples: 200);
        var share = draws.GapShare("strategy", "synthetic", "human");
        Assert.Equal(0.5, share.Estimate, 9);
        Assert.Equal(0.5, share.Low, 9);
        Assert.Equal(0.5, share.High, 9);

        // Exchange rate: human cells at 1,000, 2,000 and 4,000 pairs on the curve 10 + 3·ln n (plus noise);
        // synthetic at 4,000 scores what human does at 2,000, so 4,000 / 2,000 = 2 synthetic pairs per human pair.
        var study = new SimulatedStudy(8);
        double Curve(double n) => 10 + 3 * Math.Log(n);
        var cells = study.Draw([Curve(1000), Curve(2000), Curve(4000), Curve(2000)], seeds: 3, sentences: 300, seedSd: 0.3);
        var curveDraws = HierarchicalBootstrap.Run(cells, SimulatedStudy.Score, resamples: 400);
        var rate = curveDraws.Quantity(scores => ExchangeRate(scores, [1000, 2000, 4000], 4000));
        Assert.InRange(rate.Estimate, 1.3, 3);
        Assert.True(rate.Low < rate.Estimate && rate.Estimate < rate.High);
        Assert.InRange(2.0, rate.Low, rate.High);
        Assert.True(rate.Undefined < rate.Resamples / 10);
    }

    // Least-squares fit of score = a + b·ln n to the human cells (scores[0..sizes)), inverted at the
    // synthetic cell's score (scores[sizes.Length]): synthetic pairs per human pair.
    static double ExchangeRate(IReadOnlyList<double> scores, int[] sizes, int syntheticSize)
    {
        var x = sizes.Select(n => Math.Log(n)).ToArray();
        double mx = x.Average(), my = scores.Take(sizes.Length).Average();
        double b = x.Select((v, i) => (v - mx) * (scores[i] - my)).Sum() / x.Sum(v => (v - mx) * (v - mx));
        if (b <= 0) return double.NaN;
        double humanEquivalent = Math.Exp(mx + (scores[sizes.Length] - my) / b);
        return syntheticSize / humanEquivalent;
    }
}
