namespace Regurgitate.Reports;

/// <summary>
/// One row of <c>generators.jsonl</c>: a generator and its own score on the test set (null when not scored);
/// <see cref="Error"/> says why a generator failed, when the runner records it.
/// </summary>
public sealed record GeneratorResult(
    string Generator,
    string Type,
    string? Description,
    double? TestBleu,
    double? TestChrf,
    string? TestHypotheses,
    double? Seconds,
    string? Error = null);
