namespace Regurgitate.Statistics;

/// <summary>
/// A comparison's verdict within its family: the Holm-adjusted p-values it rests on, and for an inconclusive
/// one the seeds per condition this run's variance says would decide a difference of the margin.
/// </summary>
public sealed record ComparisonDecision(PairedComparison Comparison, Verdict Verdict, double AdjustedP, double AdjustedEquivalenceP, int? SeedsToDecide)
{
    /// <summary>The verdict in words: "better", "worse", "equivalent within ±1.0", "inconclusive".</summary>
    public string Words => Verdict switch
    {
        Verdict.Better => "better",
        Verdict.Worse => "worse",
        Verdict.Equivalent => $"equivalent within ±{Comparison.Margin.ToString("0.0##", System.Globalization.CultureInfo.InvariantCulture)}",
        _ => "inconclusive",
    };
}
