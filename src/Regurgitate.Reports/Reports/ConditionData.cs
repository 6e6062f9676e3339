namespace Regurgitate.Reports;

/// <summary>
/// One row of <c>data.jsonl</c>: a condition's training pairs at its largest size and the human targets of the same
/// sources; <paramref name="Description"/> says what it trains on when its type does not, and
/// <paramref name="DistinctSources"/> how many distinct sources its pairs have (null in older run directories).
/// </summary>
public sealed record ConditionData(
    string Condition,
    string ConditionType,
    IReadOnlyList<string> Generators,
    int Size,
    string Sources,
    string Targets,
    string HumanTargets,
    string TargetLanguage,
    string? Description = null,
    int? DistinctSources = null);
