namespace Regurgitate.Statistics;

/// <summary>
/// Condition <see cref="A"/> against <see cref="B"/> on the same test sentences, with both sources of variance.
/// The difference is Δ = mean over A's seeds − mean over B's seeds of corpus scores. Its variance is the
/// seed part (sA²/kA + sB²/kB from the seeds' corpus scores, or a pooled sₚ²(1/kA + 1/kB)) plus the sentence
/// part (the variance of Δ over the sentence-only resamples, less the seed × sentence noise the seed part
/// already holds, <see cref="BootstrapDraws.SeedNoise"/>); its degrees of freedom combine the parts by
/// Welch–Satterthwaite. The p-values are Student's t on that variance (two-sided, and the larger of the two
/// one-sided tests of equivalence within ±<see cref="Margin"/>); the interval is the expanded percentile
/// interval of the crossed resamples (<see cref="ExpandedPercentile"/>).
/// </summary>
public sealed record PairedComparison(
    string A, string B, string Statistic, bool HigherIsBetter, int SeedsA, int SeedsB, int Sentences,
    double Difference, double Low, double High, double Confidence, bool IntervalFromResamples,
    double StandardError, double DegreesOfFreedom, double SeedVariance, double SentenceVariance,
    double PerSeedVariance, bool PooledSeeds, double PValue, double Margin, double EquivalencePValue)
{
    /// <summary>The default equivalence margin, in the metric's points (BLEU, chrF): differences within ±1 are read as no practical difference.</summary>
    public const double DefaultMargin = 1.0;

    /// <summary>
    /// Compares <paramref name="a"/> with <paramref name="b"/> from <paramref name="draws"/>. With a
    /// <paramref name="pooled"/> seed variance that is <see cref="PooledSeedVariance.Supported"/>, the seed part
    /// uses it and its degrees of freedom; otherwise each side's own seeds (at least two each, or the
    /// comparison has no p-value and no interval).
    /// </summary>
    public static PairedComparison Compare(BootstrapDraws draws, string a, string b, double margin = DefaultMargin,
        PooledSeedVariance? pooled = null, double confidence = 0.95)
    {
        if (!(margin > 0)) throw new ArgumentOutOfRangeException(nameof(margin), margin, "an equivalence margin is positive");
        int ia = draws.IndexOf(a), ib = draws.IndexOf(b);
        var seedsA = draws.SeedScores[ia];
        var seedsB = draws.SeedScores[ib];
        double difference = draws.Point[ia] - draws.Point[ib];
        int resamples = draws.Resamples;
        var crossed = new double[resamples];
        var sentenceOnly = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            crossed[r] = draws.Crossed[ia][r] - draws.Crossed[ib][r];
            sentenceOnly[r] = draws.SentenceOnly[ia][r] - draws.SentenceOnly[ib][r];
        }
        // The seeds' spread already holds each seed's own sentence-sampling noise; count it once.
        double sentenceVariance = Math.Max(0, Variance(sentenceOnly) - draws.SeedNoise[ia] / seedsA.Length - draws.SeedNoise[ib] / seedsB.Length);
        double sentenceDf = Math.Max(1, draws.Sentences - 1);

        double seedVariance, perSeed, denominator;
        bool usePool = pooled is { Supported: true };
        if (usePool)
        {
            perSeed = pooled!.Variance;
            seedVariance = perSeed * (1.0 / seedsA.Length + 1.0 / seedsB.Length);
            denominator = seedVariance * seedVariance / pooled.DegreesOfFreedom;
        }
        else if (seedsA.Length >= 2 && seedsB.Length >= 2)
        {
            double va = Variance(seedsA), vb = Variance(seedsB);
            perSeed = ((seedsA.Length - 1) * va + (seedsB.Length - 1) * vb) / (seedsA.Length + seedsB.Length - 2);
            double ca = va / seedsA.Length, cb = vb / seedsB.Length;
            seedVariance = ca + cb;
            denominator = ca * ca / (seedsA.Length - 1) + cb * cb / (seedsB.Length - 1);
        }
        else
        {
            return new PairedComparison(a, b, draws.Statistic.Name, draws.Statistic.HigherIsBetter, seedsA.Length, seedsB.Length, draws.Sentences,
                difference, double.NaN, double.NaN, confidence, false, double.NaN, double.NaN, double.NaN, sentenceVariance,
                double.NaN, false, double.NaN, margin, double.NaN);
        }

        double variance = seedVariance + sentenceVariance;
        denominator += sentenceVariance * sentenceVariance / sentenceDf;
        // Welch–Satterthwaite; no seed variance at all (identical seeds) leaves the sentence part's df.
        double df = denominator > 0 ? variance * variance / denominator : sentenceDf;
        double se = Math.Sqrt(variance);
        double p, equivalenceP;
        if (se > 0)
        {
            p = TDistribution.TwoSidedP(difference / se, df);
            // TOST (Schuirmann 1987): H0 Δ ≤ −m rejected by a large (Δ̂ + m)/se, H0 Δ ≥ m by a small (Δ̂ − m)/se.
            equivalenceP = Math.Max(1 - TDistribution.Cdf((difference + margin) / se, df), TDistribution.Cdf((difference - margin) / se, df));
        }
        else
        {
            p = difference == 0 ? 1 : 0;
            equivalenceP = Math.Abs(difference) < margin ? 0 : 1;
        }
        var (low0, high0) = draws.Statistic.Range;
        var (low, high, fromResamples) = ExpandedPercentile.Interval(crossed, difference, variance, df, confidence, (low0 - high0, high0 - low0));
        return new PairedComparison(a, b, draws.Statistic.Name, draws.Statistic.HigherIsBetter, seedsA.Length, seedsB.Length, draws.Sentences,
            difference, low, high, confidence, fromResamples, se, df, seedVariance, sentenceVariance, perSeed, usePool, p, margin, equivalenceP);
    }

    internal static double Variance(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return double.NaN;
        double mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
    }
}
