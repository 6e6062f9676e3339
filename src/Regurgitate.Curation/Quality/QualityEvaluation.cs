using Regurgitate.Statistics;

namespace Regurgitate.Quality;

/// <summary>
/// Evaluates quality scores against the truth a user of synthetic data lacks: sentence chrF of each target
/// against a human reference. Reports rank correlation, precision of the top k%, and a suggested threshold.
/// </summary>
public static class QualityEvaluation
{
    /// <summary>The k of the top-k% precisions.</summary>
    public static IReadOnlyList<int> TopPercents { get; } = [10, 25, 50];

    /// <summary>
    /// Evaluates every score of <paramref name="quality"/> and `combined` against <paramref name="chrf"/> (one sentence
    /// chrF per pair, NaN where there is no reference: such pairs are left out).
    /// </summary>
    public static IReadOnlyList<ScoreEvaluation> Evaluate(QualityScores quality, IReadOnlyList<double> chrf)
    {
        if (chrf.Count != quality.Count) throw new ArgumentException($"{quality.Count} pairs but {chrf.Count} chrF values", nameof(chrf));
        return [.. quality.Names.Append(QualityScoreNames.Combined).Select(name => Evaluate(name, quality.Of(name), chrf))];
    }

    /// <summary>Evaluates one score's <paramref name="values"/> against <paramref name="chrf"/>, both one per pair.</summary>
    public static ScoreEvaluation Evaluate(string name, IReadOnlyList<double?> values, IReadOnlyList<double> chrf)
    {
        var kept = Enumerable.Range(0, values.Count)
            .Where(i => values[i] is double v && !double.IsNaN(v) && !double.IsNaN(chrf[i])).ToArray();
        var score = kept.Select(i => values[i]!.Value).ToArray();
        var truth = kept.Select(i => chrf[i]).ToArray();
        int n = kept.Length;
        var precision = new Dictionary<int, double>();
        if (n == 0) return new ScoreEvaluation(name, 0, double.NaN, TopPercents.ToDictionary(k => k, _ => double.NaN), double.NaN, double.NaN, double.NaN);

        var byScore = QualityOrder.BestFirst(score);
        var byTruth = QualityOrder.BestFirst(truth);
        foreach (int k in TopPercents)
        {
            int m = Math.Max(1, (int)Math.Ceiling(n * k / 100.0));
            var trueTop = new HashSet<int>(byTruth.Take(m));
            precision[k] = (double)byScore.Take(m).Count(trueTop.Contains) / m;
        }
        var (threshold, f1, keptShare) = BestThreshold(score, truth, byScore);
        return new ScoreEvaluation(name, n, Correlation.Spearman(score, truth), precision, threshold, f1, keptShare);
    }

    /// <summary>
    /// The score value t such that keeping pairs with score ≥ t maximises F1 for keeping the "good" pairs (chrF
    /// above the median); cuts only fall between distinct score values, so the rule is applicable as stated.
    /// </summary>
    static (double Threshold, double F1, double KeptShare) BestThreshold(double[] score, double[] truth, int[] byScore)
    {
        var sorted = truth.Order().ToArray();
        double median = Quantiles.Linear(sorted, 0.5);
        int good = truth.Count(t => t > median);
        double bestF1 = -1, bestThreshold = double.NaN;
        int bestKept = 0, truePositives = 0;
        for (int j = 0; j < byScore.Length; j++)
        {
            if (truth[byScore[j]] > median) truePositives++;
            // Only cut where the next pair's score differs: a threshold cannot split ties.
            if (j + 1 < byScore.Length && score[byScore[j + 1]] == score[byScore[j]]) continue;
            int keptCount = j + 1;
            double f1 = good == 0 ? 0 : 2.0 * truePositives / (keptCount + good);
            if (f1 > bestF1)
            {
                bestF1 = f1;
                bestThreshold = score[byScore[j]];
                bestKept = keptCount;
            }
        }
        return (bestThreshold, bestF1, (double)bestKept / byScore.Length);
    }
}
