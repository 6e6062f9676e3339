namespace Regurgitate.Diversity;

/// <summary>A measure's value on the whole text and its bootstrap percentile interval (NaN bounds without bootstrap).</summary>
public sealed record DiversityEstimate(double Value, double Low, double High)
{
    /// <summary>Whether the estimate has a confidence interval.</summary>
    public bool HasInterval => !double.IsNaN(Low) && !double.IsNaN(High);
}
