using Regurgitate.Statistics;

namespace Regurgitate.Quality;

/// <summary>
/// `combined`: per pair the mean of the z-scores of its available scores, each z-score taken over the corpus
/// ((value − mean) / standard deviation of the pairs that have the score), so that scores on different scales
/// weigh the same. `errors` does not enter the mean; it is a gate: every flagged pair is placed below every
/// unflagged one (keeping its order among the flagged), so a broken pair such as a copied source never ranks as
/// high quality however confident the other scores are.
/// </summary>
public static class CombinedQuality
{
    /// <summary>
    /// The combined value of each pair from <paramref name="scores"/> (name → one value per pair; `errors`, if
    /// present, is ignored here) and the error gate <paramref name="flagged"/> (one per pair).
    /// </summary>
    public static double[] Combine(IReadOnlyDictionary<string, IReadOnlyList<double?>> scores, IReadOnlyList<bool> flagged)
    {
        int n = flagged.Count;
        var sum = new double[n];
        var count = new int[n];
        foreach (var (name, values) in scores)
        {
            if (name == QualityScoreNames.Errors) continue;
            if (values.Count != n) throw new ArgumentException($"score {name} has {values.Count} values for {n} pairs", nameof(scores));
            var present = values.Where(v => v.HasValue && double.IsFinite(v.Value)).Select(v => v!.Value).ToList();
            if (present.Count == 0) continue;
            double mean = present.Average();
            double sd = Moments.PopulationStandardDeviation(present, mean);
            for (int i = 0; i < n; i++)
            {
                if (values[i] is not double v || !double.IsFinite(v)) continue;
                // A constant score says nothing about which pair is better: z = 0 for all.
                sum[i] += sd > 0 ? (v - mean) / sd : 0;
                count[i]++;
            }
        }
        var combined = new double[n];
        for (int i = 0; i < n; i++) combined[i] = count[i] == 0 ? 0 : sum[i] / count[i];
        if (n == 0 || !flagged.Any(f => f)) return combined;
        // Shift the flagged pairs below the lowest unflagged value by more than the whole spread.
        double low = combined.Min(), high = combined.Max();
        double shift = high - low + 1;
        for (int i = 0; i < n; i++)
            if (flagged[i]) combined[i] -= shift;
        return combined;
    }
}
