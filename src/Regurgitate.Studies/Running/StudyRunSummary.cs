namespace Regurgitate.Studies;

/// <summary>What a run ended with.</summary>
/// <param name="Cells">Cells in the plan (or 1 with --cell).</param>
/// <param name="Done">Cells done.</param>
/// <param name="Failed">Cells failed (with reasons in results.jsonl).</param>
/// <param name="RunDirectory">Where everything is.</param>
public sealed record StudyRunSummary(int Cells, int Done, int Failed, string RunDirectory)
{
    /// <summary>Whether this process wrote the study-level files (data.jsonl, run.json, results), so the report may follow.</summary>
    public bool Closed { get; init; }
}
