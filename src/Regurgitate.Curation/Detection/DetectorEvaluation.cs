using Regurgitate.Statistics;

namespace Regurgitate.Detection;

/// <summary>ROC AUC, accuracy at 0.5 and expected calibration error (equal-width bins) of P(human) scores.</summary>
public static class DetectorEvaluation
{
    /// <summary>The default number of calibration bins (the usual 10 of Guo et al. 2017).</summary>
    public const int DefaultBins = 10;

    /// <summary>Evaluates <paramref name="scores"/>; both classes must be present.</summary>
    public static DetectorMetrics Evaluate(LabelledScores scores, int bins = DefaultBins)
    {
        var p = scores.ProbabilityHuman;
        var y = scores.IsHuman;
        if (p.Count != y.Count) throw new ArgumentException("scores and labels differ in length");
        int human = y.Count(h => h), machine = y.Count - human;
        if (human == 0 || machine == 0) throw new InputException("evaluation needs both human and machine texts");
        int correct = 0;
        for (int i = 0; i < p.Count; i++) if (p[i] >= 0.5 == y[i]) correct++;
        var table = Reliability(scores, bins);
        double ece = table.Where(b => b.Count > 0).Sum(b => (double)b.Count / p.Count * Math.Abs(b.ObservedHuman!.Value - b.MeanPredicted!.Value));
        return new DetectorMetrics(RocAuc(scores), (double)correct / p.Count, ece, table, human, machine);
    }

    /// <summary>
    /// AUC by the Mann–Whitney statistic: rank the scores once, tied scores given their mean rank, and
    /// AUC = (rank sum of human texts − h(h+1)/2) / (h·m). O(n log n), exact with ties (ranks are
    /// multiples of ½, so their sum is exact in any order).
    /// </summary>
    public static double RocAuc(LabelledScores scores)
    {
        var ranks = Ranks.Of(scores.ProbabilityHuman);
        double humanRankSum = 0;
        long human = 0;
        for (int i = 0; i < ranks.Length; i++)
            if (scores.IsHuman[i]) { humanRankSum += ranks[i]; human++; }
        long machine = ranks.Length - human;
        if (human == 0 || machine == 0) return double.NaN;
        return (humanRankSum - human * (human + 1) / 2.0) / ((double)human * machine);
    }

    /// <summary>The reliability table over <paramref name="bins"/> equal-width bins of P(human).</summary>
    public static IReadOnlyList<ReliabilityBin> Reliability(LabelledScores scores, int bins = DefaultBins)
    {
        var count = new int[bins];
        var predicted = new double[bins];
        var human = new int[bins];
        for (int i = 0; i < scores.ProbabilityHuman.Count; i++)
        {
            double p = scores.ProbabilityHuman[i];
            int b = Math.Clamp((int)(p * bins), 0, bins - 1);
            count[b]++;
            predicted[b] += p;
            if (scores.IsHuman[i]) human[b]++;
        }
        return [.. Enumerable.Range(0, bins).Select(b => new ReliabilityBin((double)b / bins, (double)(b + 1) / bins, count[b],
            count[b] == 0 ? null : predicted[b] / count[b], count[b] == 0 ? null : (double)human[b] / count[b]))];
    }
}
