namespace Regurgitate.Reports;

/// <summary>One row of <c>results.jsonl</c>: a cell (condition × size × seed), finished or failed.</summary>
public sealed record CellResult(
    string Cell,
    string Condition,
    string ConditionType,
    IReadOnlyList<string> Generators,
    int Size,
    long Seed,
    string Status,
    string? Error,
    double? Bleu,
    double? Chrf,
    string? BleuSignature,
    string? ChrfSignature,
    string? Hypotheses,
    double? Seconds)
{
    /// <summary>Whether the cell finished with scores.</summary>
    public bool Done => Status == "done" && Bleu is not null;
}
