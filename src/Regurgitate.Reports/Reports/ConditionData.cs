namespace Regurgitate.Reports;

/// <summary>One row of <c>data.jsonl</c>: a condition's training pairs at its largest size and the human targets of the same sources.</summary>
public sealed record ConditionData(
    string Condition,
    string ConditionType,
    IReadOnlyList<string> Generators,
    int Size,
    string Sources,
    string Targets,
    string HumanTargets,
    string TargetLanguage);
