namespace Regurgitate.Metrics;

/// <summary>A chrF or chrF++ score (0-100).</summary>
public sealed record ChrfScore(string Name, double Score, int CharOrder, int WordOrder, int Beta, Signature Signature)
    : MetricScore(Name, Score, Signature);
