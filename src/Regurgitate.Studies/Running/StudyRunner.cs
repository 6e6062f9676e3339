using System.Globalization;
using Regurgitate.Progress;
using Regurgitate.RunDirectories;
using Regurgitate.Runtime;

namespace Regurgitate.Studies;

/// <summary>
/// Runs a study's plan into its run directory (docs/run-directory.md) by scheduling its stages (Stages/): the students'
/// tokenizer, the generators (with their teachers), the pair scores, then the cells' students, each artifact cached under
/// a key of its inputs, so a rerun (after an edit, a failure or kill -9) does only what is missing. The same stage code
/// runs in this process, in child processes (--jobs), or unit by unit as a worker or Slurm task (--worker, --cell). A
/// failed cell is recorded with its reason and the others go on. Cancellation stops taking new work; a training run in
/// flight saves a checkpoint first, and results.jsonl is rewritten before the cancellation propagates.
/// </summary>
public sealed class StudyRunner
{
    readonly RunContext run;

    /// <summary>A runner of <paramref name="plan"/>; <paramref name="log"/> gets one line per event worth telling.</summary>
    public StudyRunner(StudyPlan plan, StudyRunOptions options, Action<string>? log = null, IProgress<ProgressUpdate>? progress = null)
    {
        if (options.Jobs < 1) throw new InputException($"--jobs must be at least 1, not {options.Jobs}");
        if (options.Threads is < 1) throw new InputException($"--threads must be at least 1, not {options.Threads}");
        if (options.Cell != null && options.Worker) throw new InputException("--cell and --worker exclude each other", hint: "a worker takes whichever cell is free; --cell runs one");
        if (options.Cell != null) StudyUnits.Check(plan, options.Cell);
        run = new RunContext(plan, options, log ?? (_ => { }), progress);
    }

    /// <summary>The artifacts' keys.</summary>
    public StudyKeys Keys => run.Keys;

    StudyRunOptions Options => run.Options;

    /// <summary>Runs what is missing; returns how the cells stand.</summary>
    public StudyRunSummary Execute(CancellationToken cancellation = default)
    {
        CheckCost();
        if (Options.Cell is string unit && StudyUnits.IsShared(unit)) return ExecuteUnit(unit, cancellation);
        if (Options.Worker)
        {
            TorchRuntime.SetThreads(Options.ThreadsPerJob);
            RunDirectoryFiles.Prepare(run, writeShared: false);
            bool closed = new WorkerLoop(run).Work(cancellation);
            return run.Results.Summary(run.Plan.Cells) with { Closed = closed };
        }
        // The shared stages of a parallel run (tokenizer, teachers, generation) run alone, so they may use every core.
        TorchRuntime.SetThreads(Options.Jobs > 1 && Options.Cell == null ? Options.Threads ?? Environment.ProcessorCount : Options.ThreadsPerJob);
        IReadOnlyList<StudyCell> cells = Options.Cell != null ? [run.Plan.Cell(Options.Cell)] : run.Plan.Cells;
        RunDirectoryFiles.Prepare(run, writeShared: Options.Cell == null);
        try
        {
            foreach (var shared in StudyStages.SharedFor(run, cells))
                if (!shared.Settled) shared.Run(cancellation);
            if (Options.Cell == null) RunDirectoryFiles.WriteDataAndGenerators(run);
            RunCells(cells, cancellation);
        }
        finally
        {
            run.Results.Rewrite();
            if (Options.Cell == null) RunDirectoryFiles.WriteRunJson(run, complete: run.Plan.Cells.All(run.Results.IsDone));
        }
        return run.Results.Summary(cells) with { Closed = Options.Cell == null };
    }

    /// <summary>The cells without a current result, run here one after another or in child processes.</summary>
    void RunCells(IReadOnlyList<StudyCell> cells, CancellationToken cancellation)
    {
        var pending = cells.Where(c => !run.Results.IsDone(c)).ToList();
        if (pending.Count < cells.Count) run.Log($"{cells.Count - pending.Count} of {cells.Count} cells already done (cached)");
        int finished = cells.Count - pending.Count;
        void Finished(StudyCell cell, CellResult result)
        {
            finished++;
            run.Results.Tell(cell, result, finished, cells.Count);
            run.Results.Rewrite();
        }
        run.Progress?.Report(new ProgressUpdate("study", finished, cells.Count, "cells"));
        if (Options.Jobs > 1 && Options.Cell == null && pending.Count > 1) new ChildWorkers(run).Run(pending, Finished, cancellation);
        else
            foreach (var cell in pending)
            {
                cancellation.ThrowIfCancellationRequested();
                Finished(cell, new StudentStage(run, cell).RunRecorded(cancellation));
            }
    }

    /// <summary>Runs one shared unit (<see cref="StudyUnits"/>): the tokenizer, one generator, or the closing report step.</summary>
    StudyRunSummary ExecuteUnit(string unit, CancellationToken cancellation)
    {
        TorchRuntime.SetThreads(Options.ThreadsPerJob);
        RunDirectoryFiles.Prepare(run, writeShared: false);
        if (unit == StudyUnits.Report)
        {
            RunDirectoryFiles.Close(run);
            return run.Results.Summary(run.Plan.Cells) with { Closed = true };
        }
        StudyStages.Shared(run, unit).Run(cancellation);
        return new StudyRunSummary(0, 0, run.GeneratorFailures.Count, run.Layout.Root);
    }

    /// <summary>Refuses to start API cells whose estimated cost exceeds the spec's `confirm_above` unless the user confirmed it (--yes).</summary>
    void CheckCost()
    {
        var spec = run.Spec;
        if (spec.ApiStudent is not { ConfirmAbove: double limit } || Options.ConfirmedCost) return;
        if (Options.Cell != null && StudyUnits.IsShared(Options.Cell)) return;
        var cells = Options.Cell != null ? [run.Plan.Cell(Options.Cell)] : run.Plan.Cells;
        var pending = cells.Where(c => run.Store.Done(ArtifactKind.Student, Keys.Student(c)) == null).ToList();
        double cost = ApiCostEstimate.For(run.Plan, pending).Sum(e => e.Cost ?? 0);
        if (cost > limit)
            throw new InputException(string.Create(CultureInfo.InvariantCulture,
                $"the {pending.Count} API cell(s) still to fine-tune are estimated to cost ${cost:F2}, above the spec's confirm_above (${limit:F2}); nothing was sent"),
                spec.File, hint: "see the estimate with `regurg study plan SPEC`, then rerun with --yes to spend it");
    }

    /// <summary>Writes the run directory's study files (marker, spec, test set, plan) where missing, and runs nothing.</summary>
    public void Prepare() => RunDirectoryFiles.Prepare(run, writeShared: false);

    /// <summary>Rewrites results.jsonl and results.csv from the cells' results, in plan order.</summary>
    public void RewriteResults() => run.Results.Rewrite();
}
