namespace Regurgitate.Reports;

/// <summary>One condition's scores against training size: BLEU and chrF over seeds at each size.</summary>
public sealed record LearningCurve(string Condition, string ConditionType, IReadOnlyList<CurvePoint> Points, LogLinearFit? BleuFit)
{
    /// <summary>The point at <paramref name="size"/>, or null when no cell of that size finished.</summary>
    public CurvePoint? At(int size) => Points.FirstOrDefault(p => p.Size == size);
}

/// <summary>A condition's scores at one size: mean and 95% t-interval over the seeds that finished, and how many failed.</summary>
public sealed record CurvePoint(int Size, SeedSummary Bleu, SeedSummary Chrf, int Failed);
