namespace Regurgitate.Quality;

/// <summary>The names of the quality scores, as `--scores` and the JSONL spell them.</summary>
public static class QualityScoreNames
{
    /// <summary>The generator's mean log-probability per target token (<see cref="ConfidenceScore"/>).</summary>
    public const string Confidence = "confidence";
    /// <summary>Our scorer model's mean log-probability per target token (<see cref="ScorerModelScore"/>).</summary>
    public const string Scorer = "scorer";
    /// <summary>chrF of the back-translation against the source (<see cref="RoundTripScore"/>).</summary>
    public const string RoundTrip = "round-trip";
    /// <summary>Mean chrF against the other generators' targets (<see cref="AgreementScore"/>).</summary>
    public const string Agreement = "agreement";
    /// <summary>1 for a pair no reference-free error signal flags, else 0 (<see cref="ErrorFreeScore"/>).</summary>
    public const string Errors = "errors";
    /// <summary>Mean z-score of the other scores, flagged pairs last (<see cref="CombinedQuality"/>).</summary>
    public const string Combined = "combined";

    /// <summary>Every score that can be asked for, in output order (combined is always written).</summary>
    public static IReadOnlyList<string> All { get; } = [Confidence, Scorer, RoundTrip, Agreement, Errors];
}
