namespace Regurgitate.Metrics.Significance;

/// <summary>
/// Paired approximate randomization (Riezler and Maxwell, 2005), as sacreBLEU runs it after
/// multeval: each trial swaps each segment's baseline and system output with probability 1/2 and
/// scores both pseudo-systems; the p-value is the share of trials whose absolute score difference
/// exceeds the observed one.
/// </summary>
public static class ApproximateRandomization
{
    /// <summary>sacreBLEU's default number of trials.</summary>
    public const int DefaultTrials = 10000;

    /// <summary>
    /// Tests each of <paramref name="systems"/> against <paramref name="baseline"/>; the first result is
    /// the baseline's. Each comparison draws its swaps from a fresh NumPy generator seeded with
    /// <paramref name="seed"/>, as sacreBLEU does.
    /// </summary>
    public static IReadOnlyList<PairedTestResult> Run(SufficientStatistics baseline, IReadOnlyList<SufficientStatistics> systems,
        int trials = DefaultTrials, ulong seed = ConfidenceEstimate.DefaultSeed)
    {
        if (trials < 1) throw new ArgumentOutOfRangeException(nameof(trials));
        foreach (var system in systems) PairedBootstrap.Check(baseline, system);
        var signature = SignatureWith(baseline.Signature, trials, seed);
        var baselineScore = baseline.Score() with { Signature = signature };
        var results = new PairedTestResult[systems.Count + 1];
        results[0] = new PairedTestResult(baselineScore, null, null);
        Parallel.For(0, systems.Count, k =>
        {
            var system = systems[k];
            var score = system.Score() with { Signature = signature };
            double observed = Math.Abs(baselineScore.Score - score.Score);
            var random = new NumpyRandom(seed);
            int segments = baseline.Segments, width = baseline.Width;
            // sacreBLEU: pseudo-system A takes the baseline's row where the mask is set and the system's
            // elsewhere, B the opposite. With d = baseline - system per segment:
            // A = system total + sum of d over set positions, B = baseline total - that sum.
            var delta = new double[segments * width];
            var baselineRows = baseline.Values;
            var systemRows = system.Values;
            for (int i = 0; i < delta.Length; i++) delta[i] = baselineRows[i] - systemRows[i];
            var systemTotals = system.Totals();
            var baselineTotals = baseline.Totals();
            var swap = new bool[segments];
            var shift = new double[width];
            var a = new double[width];
            var b = new double[width];
            var differences = new double[trials];
            for (int t = 0; t < trials; t++)
            {
                random.Booleans(swap);
                Array.Clear(shift);
                for (int s = 0; s < segments; s++)
                {
                    if (!swap[s]) continue;
                    int start = s * width;
                    for (int j = 0; j < width; j++) shift[j] += delta[start + j];
                }
                for (int j = 0; j < width; j++)
                {
                    a[j] = systemTotals[j] + shift[j];
                    b[j] = baselineTotals[j] - shift[j];
                }
                differences[t] = Math.Abs(baseline.Score(a).Score - baseline.Score(b).Score);
            }
            results[k + 1] = new PairedTestResult(score, PValue.FromSamples(differences, observed), null);
        });
        return results;
    }

    /// <summary>The signature of approximate-randomization results (<c>ar:</c> and <c>seed:</c> added).</summary>
    public static Signature SignatureWith(Signature signature, int trials, ulong seed) =>
        signature with { RandomizationTrials = trials, Seed = seed.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
