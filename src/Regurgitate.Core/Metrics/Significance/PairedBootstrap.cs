namespace Regurgitate.Metrics.Significance;

/// <summary>
/// Paired bootstrap resampling (Koehn, 2004) as sacreBLEU runs it, after Moses'
/// bootstrap-hypothesis-difference-significance.pl: the same resampled segment sets score the
/// baseline and the system; the p-value is the share of resamples whose centred absolute
/// difference exceeds the observed absolute difference.
/// </summary>
public static class PairedBootstrap
{
    /// <summary>sacreBLEU's default number of resamples.</summary>
    public const int DefaultSamples = 1000;

    /// <summary>
    /// Tests each of <paramref name="systems"/> against <paramref name="baseline"/> (same metric, same
    /// segments). The first result is the baseline's (no p-value). Every comparison draws its
    /// resamples from a fresh NumPy generator seeded with <paramref name="seed"/>, as sacreBLEU does.
    /// </summary>
    public static IReadOnlyList<PairedTestResult> Run(SufficientStatistics baseline, IReadOnlyList<SufficientStatistics> systems,
        int samples = DefaultSamples, ulong seed = ConfidenceEstimate.DefaultSeed)
    {
        if (samples < 1) throw new ArgumentOutOfRangeException(nameof(samples));
        foreach (var system in systems) Check(baseline, system);
        var signature = SignatureWith(baseline.Signature, samples, seed);
        var baselineScores = ConfidenceEstimate.BootstrapScores(baseline, samples, seed);
        var baselineScore = baseline.Score() with { Signature = signature };
        var results = new PairedTestResult[systems.Count + 1];
        results[0] = new PairedTestResult(baselineScore, null, ConfidenceEstimate.FromScores(baselineScores));
        Parallel.For(0, systems.Count, k =>
        {
            var system = systems[k];
            var systemScores = ConfidenceEstimate.BootstrapScores(system, samples, seed);
            var score = system.Score() with { Signature = signature };
            double observed = Math.Abs(baselineScore.Score - score.Score);
            var differences = new double[samples];
            for (int b = 0; b < samples; b++) differences[b] = Math.Abs(systemScores[b] - baselineScores[b]);
            double mean = differences.Average();
            for (int b = 0; b < samples; b++) differences[b] -= mean;
            results[k + 1] = new PairedTestResult(score, PValue.FromSamples(differences, observed), ConfidenceEstimate.FromScores(systemScores));
        });
        return results;
    }

    /// <summary>The signature of paired-bootstrap results (<c>bs:</c> and <c>seed:</c> added).</summary>
    public static Signature SignatureWith(Signature signature, int samples, ulong seed) =>
        ConfidenceEstimate.SignatureWith(signature, samples, seed);

    internal static void Check(SufficientStatistics baseline, SufficientStatistics system)
    {
        if (system.Segments != baseline.Segments)
            throw new ArgumentException($"a system has {system.Segments} segments but the baseline has {baseline.Segments}");
        if (!ReferenceEquals(system.Metric, baseline.Metric) && system.Metric.SignatureFor(1) != baseline.Metric.SignatureFor(1)
            && system.Metric.SignatureFor(1).ToString() != baseline.Metric.SignatureFor(1).ToString())
            throw new ArgumentException("the system and the baseline were scored with different metrics");
    }
}
