namespace Regurgitate.Statistics;

/// <summary>
/// The two-level bootstrap over seeds and test sentences. Seeds and sentences are crossed, not nested:
/// every seed of every condition translated the same sentences. So each resample draws one multiset of
/// sentence indices, shared by all seeds of all conditions (which pairs the comparison sentence by
/// sentence), and then, per condition, a multiset of its seeds. A condition's resampled score is the mean
/// over its drawn seeds of each seed's corpus score on the drawn sentences, recomputed from summed
/// sufficient statistics (corpus BLEU, not a mean of sentence BLEU). Resampling both factors of a crossed
/// design independently is Owen's (2007) pigeonhole bootstrap; see docs/statistics.md.
/// </summary>
public static class HierarchicalBootstrap
{
    /// <summary>The default number of resamples: enough for the tail quantiles an expanded interval reads.</summary>
    public const int DefaultResamples = 2000;

    /// <summary>
    /// Resamples <paramref name="conditions"/> jointly <paramref name="resamples"/> times with a
    /// <see cref="Random"/> seeded by <paramref name="seed"/>: the same inputs and seed give the same draws.
    /// </summary>
    public static BootstrapDraws Run(IReadOnlyList<ConditionSeeds> conditions, ICorpusStatistic statistic,
        int resamples = DefaultResamples, int seed = 12345)
    {
        if (conditions.Count == 0) throw new ArgumentException("no conditions to resample", nameof(conditions));
        if (resamples < 1) throw new ArgumentOutOfRangeException(nameof(resamples), resamples, "at least one resample");
        int width = statistic.Width;
        int sentences = -1;
        foreach (var condition in conditions)
        {
            if (condition.Seeds.Count == 0) throw new ArgumentException($"condition '{condition.Name}' has no seeds", nameof(conditions));
            foreach (var s in condition.Seeds)
            {
                if (s.Width != width) throw new ArgumentException($"condition '{condition.Name}' has {s.Width} statistics per sentence; {statistic.Name} needs {width}", nameof(conditions));
                if (sentences < 0) sentences = s.Sentences;
                else if (s.Sentences != sentences)
                    throw new ArgumentException($"condition '{condition.Name}' has a seed with {s.Sentences} sentences, others {sentences}: all must score the same test set", nameof(conditions));
            }
        }
        if (sentences == 0) throw new ArgumentException("the test set is empty", nameof(conditions));

        int c = conditions.Count;
        var seedScores = new double[c][];
        var point = new double[c];
        var totals = new double[width];
        for (int k = 0; k < c; k++)
        {
            var seeds = conditions[k].Seeds;
            seedScores[k] = new double[seeds.Count];
            for (int s = 0; s < seeds.Count; s++)
            {
                Array.Clear(totals);
                var values = seeds[s].Values;
                for (int i = 0; i < values.Length; i++) totals[i % width] += values[i];
                seedScores[k][s] = statistic.Score(totals);
            }
            point[k] = seedScores[k].Average();
        }

        var crossed = new double[c][];
        var sentenceOnly = new double[c][];
        for (int k = 0; k < c; k++) { crossed[k] = new double[resamples]; sentenceOnly[k] = new double[resamples]; }
        var random = new Random(seed);
        var draw = new int[sentences];
        var counts = new int[sentences];
        var perSeed = new double[conditions.Max(x => x.Seeds.Count)];
        // Per condition and seed, Σ and Σ² of the seed's deviation from its condition's seed mean over the
        // sentence resamples: their spread is sentence-sampling noise a seed does not share with the others.
        var deviationSum = conditions.Select(x => new double[x.Seeds.Count]).ToArray();
        var deviationSquares = conditions.Select(x => new double[x.Seeds.Count]).ToArray();
        var seedDraw = new int[perSeed.Length];
        for (int b = 0; b < resamples; b++)
        {
            Bootstrap.Resample(draw, sentences, random.Next);
            Array.Clear(counts);
            foreach (int i in draw) counts[i]++;
            for (int k = 0; k < c; k++)
            {
                var seeds = conditions[k].Seeds;
                double sum = 0;
                for (int s = 0; s < seeds.Count; s++)
                {
                    perSeed[s] = statistic.Score(ResampledTotals(seeds[s].Values, counts, width, totals));
                    sum += perSeed[s];
                }
                double mean = sum / seeds.Count;
                sentenceOnly[k][b] = mean;
                for (int s = 0; s < seeds.Count; s++)
                {
                    double deviation = perSeed[s] - mean;
                    deviationSum[k][s] += deviation;
                    deviationSquares[k][s] += deviation * deviation;
                }
                var drawn = seedDraw.AsSpan(0, seeds.Count);
                Bootstrap.Resample(drawn, seeds.Count, random.Next);
                double crossedSum = 0;
                foreach (int s in drawn) crossedSum += perSeed[s];
                crossed[k][b] = crossedSum / seeds.Count;
            }
        }
        // For a linear score, a deviation's resampling variance is σₑ²(1 − 1/k)/n, σₑ²/n being the part of one
        // seed's score variance that comes from sampling sentences and is the seed's own (seed × sentence).
        var seedNoise = new double[c];
        for (int k = 0; k < c; k++)
        {
            int seedCount = conditions[k].Seeds.Count;
            if (seedCount < 2 || resamples < 2) continue;
            double total = 0;
            for (int s = 0; s < seedCount; s++)
            {
                double m = deviationSum[k][s] / resamples;
                total += (deviationSquares[k][s] - resamples * m * m) / (resamples - 1);
            }
            seedNoise[k] = Math.Max(0, total / seedCount * seedCount / (seedCount - 1));
        }
        return new BootstrapDraws(statistic, [.. conditions.Select(x => x.Name)], sentences, seedScores, point, crossed, sentenceOnly, seedNoise);
    }

    // Σ counts[i] · row i: the statistics of a resample in which sentence i appears counts[i] times.
    static double[] ResampledTotals(double[] values, int[] counts, int width, double[] totals)
    {
        Array.Clear(totals);
        if (width == 2)
        {
            double a = 0, b = 0;
            for (int i = 0; i < counts.Length; i++)
            {
                int n = counts[i];
                if (n == 0) continue;
                a += n * values[2 * i];
                b += n * values[2 * i + 1];
            }
            totals[0] = a; totals[1] = b;
            return totals;
        }
        for (int i = 0; i < counts.Length; i++)
        {
            int n = counts[i];
            if (n == 0) continue;
            int start = i * width;
            for (int k = 0; k < width; k++) totals[k] += n * values[start + k];
        }
        return totals;
    }
}
