using Regurgitate.IO;
using Regurgitate.Progress;
using Regurgitate.RunDirectories;

namespace Regurgitate.Studies;

/// <summary>
/// One of any number of workers on a run directory: repeatedly takes the first unit nobody holds whose inputs are ready
/// (shared units first, then cells) until every cell has a result; then one of the workers closes the run.
/// </summary>
internal sealed class WorkerLoop(RunContext run)
{
    /// <summary>Works until every cell has settled; returns whether this worker closed the run.</summary>
    public bool Work(CancellationToken cancellation)
    {
        run.WaitForOthers = false;
        // Failed results older than this worker are retried, as a plain rerun does; newer ones are this session's.
        var started = run.Results.FileSystemNow();
        bool Settled(StudyCell cell) => run.Results.SettledSince(cell, started);
        var cells = run.Plan.Cells;
        int settled = cells.Count(Settled);
        run.Log($"worker (process {Environment.ProcessId}): {cells.Count - settled} of {cells.Count} cells to go");
        run.Progress?.Report(new ProgressUpdate("study", settled, cells.Count, "cells"));
        try
        {
            while (TakeWork(Settled, cancellation) is bool worked)
                if (!worked && cancellation.WaitHandle.WaitOne(TimeSpan.FromSeconds(1))) cancellation.ThrowIfCancellationRequested();
        }
        finally
        {
            run.Results.Rewrite();
        }
        // Every cell has a result: one worker writes the study-level files, unless they were written after the
        // last result already (checked again under the claim, so of the workers finishing together one closes).
        using var closing = RunDirectoryFiles.ClosedAfterResults(run) ? null : WorkClaim.TryTake(run.Layout.CloseClaim);
        bool closes = closing != null && !RunDirectoryFiles.ClosedAfterResults(run);
        if (closes) RunDirectoryFiles.Close(run);
        return closes;
    }

    /// <summary>
    /// One round: builds whatever ready shared units nobody holds, then runs the first free ready cell. Returns whether
    /// it ran a cell, or null once every cell has settled.
    /// </summary>
    bool? TakeWork(Func<StudyCell, bool> settled, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        foreach (var unit in StudyStages.SharedFor(run, run.Plan.Cells))
            if (!unit.Settled && unit.Ready)
                try { unit.Run(cancellation); }
                catch (ArtifactBusyException) { } // another process builds it

        var open = run.Plan.Cells.Where(c => !settled(c)).ToList();
        if (open.Count == 0) return null;
        foreach (var student in StudyStages.Students(run, open))
        {
            if (!student.Ready) continue;
            using var claim = WorkClaim.TryTake(run.Layout.CellClaim(student.Id));
            var cell = run.Plan.Cell(student.Id);
            if (claim == null || settled(cell)) continue;
            var result = student.RunClaimed(cancellation);
            run.Results.Rewrite();
            run.Results.Tell(cell, result, run.Plan.Cells.Count(settled), run.Plan.Cells.Count);
            return true; // shared work that became possible comes before the next cell
        }
        return false;
    }
}
