namespace Regurgitate.Statistics;

/// <summary>
/// One condition's score (the mean over its seeds) with an interval from both sources of variance, inside
/// the metric's range: a BLEU interval never reaches below 0.
/// </summary>
public sealed record CellScore(string Condition, int Seeds, double Score, double Low, double High, bool IntervalFromResamples,
    double StandardError, double DegreesOfFreedom, bool PooledSeeds)
{
    /// <summary>The score of <paramref name="condition"/>, its seed part from <paramref name="pooled"/> where supported, else its own seeds.</summary>
    public static CellScore Estimate(BootstrapDraws draws, string condition, PooledSeedVariance? pooled = null, double confidence = 0.95)
    {
        int i = draws.IndexOf(condition);
        var seeds = draws.SeedScores[i];
        double sentenceVariance = Math.Max(0, PairedComparison.Variance(draws.SentenceOnly[i]) - draws.SeedNoise[i] / seeds.Length);
        double sentenceDf = Math.Max(1, draws.Sentences - 1);
        bool usePool = pooled is { Supported: true };
        double seedVariance, seedDf;
        if (usePool) { seedVariance = pooled!.Variance / seeds.Length; seedDf = pooled.DegreesOfFreedom; }
        else if (seeds.Length >= 2) { seedVariance = PairedComparison.Variance(seeds) / seeds.Length; seedDf = seeds.Length - 1; }
        else return new CellScore(condition, seeds.Length, draws.Point[i], double.NaN, double.NaN, false, double.NaN, double.NaN, false);
        double variance = seedVariance + sentenceVariance;
        double denominator = seedVariance * seedVariance / seedDf + sentenceVariance * sentenceVariance / sentenceDf;
        double df = denominator > 0 ? variance * variance / denominator : sentenceDf;
        var (low, high, fromResamples) = ExpandedPercentile.Interval(draws.Crossed[i], draws.Point[i], variance, df, confidence, draws.Statistic.Range);
        return new CellScore(condition, seeds.Length, draws.Point[i], low, high, fromResamples, Math.Sqrt(variance), df, usePool);
    }
}
