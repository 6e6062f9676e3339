namespace Regurgitate.Metrics.Significance;

/// <summary>
/// One system's result in a paired test: its score, the p-value against the baseline (null for
/// the baseline itself), and the bootstrap mean and 95% interval when the test estimates one.
/// </summary>
public sealed record PairedTestResult(MetricScore Score, double? PValue, ConfidenceInterval? Confidence);
