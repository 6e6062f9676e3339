namespace Regurgitate.Reports;

/// <summary>One condition's scores against training size: BLEU, chrF and test NLL over seeds at each size.</summary>
public sealed record LearningCurve(string Condition, string ConditionType, IReadOnlyList<CurvePoint> Points, LogLinearFit? BleuFit)
{
    /// <summary>The point at <paramref name="size"/>, or null when no cell of that size finished.</summary>
    public CurvePoint? At(int size) => Points.FirstOrDefault(p => p.Size == size);
}

/// <summary>
/// A condition's scores at one size: the mean over the seeds that finished with its 95% interval (test BLEU, chrF,
/// and the NLL per token of the test references where the run recorded it), and how many failed.
/// </summary>
public sealed record CurvePoint(int Size, SeedSummary Bleu, SeedSummary Chrf, SeedSummary? Nll, int Failed);
