using System.CommandLine;
using Regurgitate.Reports;
using Regurgitate.Runtime;
using Regurgitate.Studies;
using Regurgitate.RunDirectories;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg study run SPEC`: plan, run what is missing (resumably), write results and the report.</summary>
internal static class StudyRunCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "study spec (YAML), e.g. studies/demo.yaml" };
        var output = StudyCommand.OutOption();
        var jobs = new Option<int>("--jobs", "-j") { Description = "cells run at once, each in its own process; threads are shared out so the jobs use the cores without oversubscribing them", DefaultValueFactory = _ => 1 };
        var threads = new Option<int?>("--threads") { Description = "libtorch threads per job (default: cores / jobs)" };
        var cell = new Option<string?>("--cell") { Description = "run exactly this cell (and what it needs), or a shared unit (tokenizer, generator:NAME) or the closing 'report' step, e.g. as a cluster array task; ids from `regurg study plan`" };
        var worker = new Option<bool>("--worker") { Description = "work beside any number of other workers on the same run directory (this machine or others over a shared filesystem): take the next free piece of work until every cell has a result" };
        var yes = new Option<bool>("--yes", "-y") { Description = "spend what API cells are estimated to cost even above the spec's confirm_above (see `regurg study plan`)" };
        var device = new Option<string>("--device") { Description = "where students and teachers train and translate: cpu or cuda[:N]", DefaultValueFactory = _ => "cpu" };
        var noReport = new Option<bool>("--no-report") { Description = "do not write the report at the end" };
        var command = new Command("run", "Run a study: teachers, generated data and every cell, cached and resumable (rerun after a kill or an edit does only what is missing); then the report.");
        command.Arguments.Add(spec);
        foreach (var option in new Option[] { output, jobs, threads, cell, worker, device, yes, noReport }) command.Options.Add(option);
        CorpusArguments.AddSharedOptions(command);

        command.SetAction((parse, cancellation) =>
        {
            var o = parse.InvocationConfiguration.Output;
            var plan = StudyCommand.Plan(parse, parse.GetValue(spec)!);
            string run = StudyCommand.RunDirectoryOf(plan.Spec, parse.GetValue(output));
            var options = new StudyRunOptions
            {
                RunDirectory = run,
                Jobs = parse.GetValue(jobs),
                Threads = parse.GetValue(threads),
                Cell = parse.GetValue(cell),
                Worker = parse.GetValue(worker),
                Device = parse.GetValue(device)!,
                ConfirmedCost = parse.GetValue(yes),
                DataDirectory = StudyCommand.DataDirectory(parse),
                ChildProcess = StudyCommand.Child,
            };
            // Bad options fail here, before the study's first line and before anything trains (a bad --device used to fail every cell).
            if (options.Jobs < 1) throw new InputException($"--jobs must be at least 1, not {options.Jobs}");
            if (options.Threads is int t && t < 1) throw new InputException($"--threads must be at least 1, not {t}");
            if (options.Device != "cpu") TorchRuntime.ResolveDevice(options.Device);
            // A whole study (or a worker) checks its generators before it trains anything; a --cell child of one
            // was checked by its parent, and a cluster task fails alone with its own message.
            if (options.Cell == null) GeneratorReadiness.Ensure(plan, run);
            bool unit = options.Cell != null && StudyUnits.IsShared(options.Cell);
            if (options.Cell == null && !options.Worker)
                o.WriteLine($"study {plan.Spec.Name}: {plan.Cells.Count} cells ({plan.Spec.Conditions.Count} conditions x {plan.Spec.Sizes.Count} sizes x {plan.Spec.Seeds.Count} seeds) into {run}");
            void Log(string line) { lock (o) { o.WriteLine(line); o.Flush(); } }
            StudyRunSummary summary;
            try
            {
                summary = ConsoleProgress.Run(parse, progress => new StudyRunner(plan, options, Log, progress).Execute(cancellation));
            }
            catch (OperationCanceledException e)
            {
                throw new InterruptedRunException($"finished cells, teachers and generations are kept in {run}; run the same command to resume", e);
            }
            if (unit && options.Cell != StudyUnits.Report)
                o.WriteLine(summary.Failed > 0 ? $"{options.Cell}: FAILED (its cells will fail; see the log above)" : $"{options.Cell}: done");
            else
                o.WriteLine($"{summary.Done} of {summary.Cells} cells done, {summary.Failed} failed; results: {new RunLayout(run).Results}");
            // The closing step writes the report; so does a plain run, and the one worker that closed a finished run.
            if (summary.Closed && !parse.GetValue(noReport))
            {
                o.WriteLine($"report: {StudyReport.Write(run)}");
            }
            return Task.FromResult(summary.Failed > 0 ? 1 : 0);
        });
        return Interruptible.Mark(command);
    }
}
