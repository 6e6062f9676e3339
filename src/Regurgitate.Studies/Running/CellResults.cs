using System.Globalization;
using Regurgitate.IO;
using Regurgitate.Progress;
using Regurgitate.RunDirectories;

namespace Regurgitate.Studies;

/// <summary>The cells' recorded results (cells/&lt;id&gt;/result.json) and the results files rebuilt from them.</summary>
internal sealed class CellResults(RunContext run)
{
    /// <summary>The cell's result when it belongs to the current inputs (an edited spec makes older results stale).</summary>
    public CellResult? Read(StudyCell cell) => CellRecord.ReadCurrent(run.Layout.CellRecord(cell.Id), run.Keys.Cell(cell))?.Row;

    /// <summary>Whether the cell has a current result that is done.</summary>
    public bool IsDone(StudyCell cell) => Read(cell)?.Status == CellStatus.Done;

    /// <summary>
    /// The run directory's filesystem clock now, which every process working on it shares (cell records are stamped by it).
    /// </summary>
    public DateTime FileSystemNow()
    {
        string stamp = Path.Combine(run.Layout.Root, $".clock-{Guid.NewGuid():N}");
        File.WriteAllText(stamp, "");
        var now = File.GetLastWriteTimeUtc(stamp);
        File.Delete(stamp);
        return now;
    }

    /// <summary>
    /// Whether the cell is settled for a session that began at <paramref name="since"/> (<see cref="FileSystemNow"/>): done,
    /// or failed within the session (older failures are retried, as a plain rerun does).
    /// </summary>
    public bool SettledSince(StudyCell cell, DateTime since) => Read(cell) is CellResult r
        && (r.Status == CellStatus.Done || File.GetLastWriteTimeUtc(run.Layout.CellRecord(cell.Id)) >= since);

    /// <summary>Records a cell's result with the key of its inputs.</summary>
    public void Write(StudyCell cell, CellResult result, double scoreSeconds) =>
        new CellRecord(run.Keys.Cell(cell), scoreSeconds, result).Write(run.Layout.CellRecord(cell.Id));

    /// <summary>A failed cell's row.</summary>
    public static CellResult Failed(StudyCell cell, string error) => new()
    {
        Cell = cell.Id, Condition = cell.Condition.Name, ConditionType = cell.Condition.Type, Generators = cell.Condition.Generators,
        Size = cell.Size, Seed = cell.Seed, Status = CellStatus.Failed, Error = error,
    };

    /// <summary>How the given cells stand.</summary>
    public StudyRunSummary Summary(IReadOnlyList<StudyCell> cells)
    {
        var rows = cells.Select(Read).Where(r => r != null).ToList();
        return new StudyRunSummary(cells.Count, rows.Count(r => r!.Status == CellStatus.Done), rows.Count(r => r!.Status == CellStatus.Failed), run.Layout.Root);
    }

    /// <summary>Rewrites results.jsonl and results.csv from the cells' results, in plan order (one process at a time).</summary>
    public void Rewrite()
    {
        using var held = WorkClaim.Take(run.Layout.ResultsClaim, CancellationToken.None);
        var rows = run.Plan.Cells.Select(Read).Where(r => r != null).Select(r => r!).ToList();
        AtomicFile.WriteAllLines(run.Layout.Results, rows.Select(r => r.ToJsonLine()));
        AtomicFile.WriteAllLines(run.Layout.ResultsCsv, rows.Select(r => r.ToCsvLine()).Prepend(CellResult.CsvHeader));
    }

    /// <summary>One log line and a progress update for a finished cell.</summary>
    public void Tell(StudyCell cell, CellResult result, int finished, int total)
    {
        run.Log(result.Status == CellStatus.Done
            ? string.Create(CultureInfo.InvariantCulture, $"[{finished}/{total}] {cell.Id}: BLEU {result.Bleu:F2}, chrF {result.Chrf:F2} ({result.Seconds:F0} s)")
            : $"[{finished}/{total}] {cell.Id}: FAILED: {result.Error}");
        run.Progress?.Report(new ProgressUpdate("study", finished, total, "cells", cell.Id));
    }
}
