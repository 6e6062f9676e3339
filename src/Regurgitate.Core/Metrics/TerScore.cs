namespace Regurgitate.Metrics;

/// <summary>A TER score (edits per reference word, times 100; lower is better).</summary>
public sealed record TerScore(double Score, double Edits, double ReferenceLength, Signature Signature)
    : MetricScore("TER", Score, Signature);
