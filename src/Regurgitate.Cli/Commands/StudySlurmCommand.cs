using System.CommandLine;
using Regurgitate.Studies;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg study slurm SPEC`: sbatch scripts (shared units, cells, report as chained job arrays), optionally submitted.</summary>
internal static class StudySlurmCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "study spec (YAML), on the cluster's shared filesystem" };
        var output = StudyCommand.OutOption();
        var partition = new Option<string?>("--partition", "-p") { Description = "Slurm partition (default: the cluster's)" };
        var time = new Option<string?>("--time", "-t") { Description = "time limit per task, e.g. 2:00:00 (default: the partition's)" };
        var cpus = new Option<int>("--cpus-per-task", "-c") { Description = "CPUs per task (also its libtorch threads)", DefaultValueFactory = _ => 2 };
        var gpus = new Option<int>("--gpus-per-task") { Description = "GPUs per task, asked for with --gres=gpu:N; the tasks then run with --device cuda (needs a CUDA build of TorchSharp, see docs/cluster.md)", DefaultValueFactory = _ => 0 };
        var account = new Option<string?>("--account", "-A") { Description = "Slurm account to charge" };
        var setup = new Option<string[]>("--setup") { Description = "a shell line each task runs first, e.g. 'module load dotnet/10'; repeatable", AllowMultipleArgumentsPerToken = false };
        var regurg = new Option<string?>("--regurg") { Description = "the path of the regurg executable on the compute nodes (default: this regurg, by absolute path; it must be on the shared filesystem)" };
        var submit = new Option<bool>("--submit") { Description = "submit with sbatch (chained with --dependency=afterok) and print the job ids" };
        var yes = new Option<bool>("--yes", "-y") { Description = "spend what the submitted API cells are estimated to cost even above the spec's confirm_above" };
        var resubmit = new Option<bool>("--resubmit-failed") { Description = "submit again only what did not finish (failed, cancelled or timed-out tasks); what Slurm still has queued or running is left alone" };
        var command = new Command("slurm", "Run a study on a Slurm cluster: write sbatch job arrays (shared units, then cells, then the report) that run `regurg study run --cell` per task, and submit them.");
        command.Arguments.Add(spec);
        foreach (var option in new Option[] { output, partition, time, cpus, gpus, account, setup, regurg, submit, resubmit, yes }) command.Options.Add(option);
        CorpusArguments.AddSharedOptions(command);

        command.SetAction(parse =>
        {
            var o = parse.InvocationConfiguration.Output;
            var plan = StudyCommand.Plan(parse, parse.GetValue(spec)!);
            string run = StudyCommand.RunDirectoryOf(plan.Spec, parse.GetValue(output));
            var options = new SlurmOptions
            {
                Spec = Path.GetFullPath(parse.GetValue(spec)!),
                RunDirectory = run,
                Regurg = parse.GetValue(regurg) is string path ? [path] : ThisRegurg(),
                DataDirectory = StudyCommand.DataDirectory(parse),
                Partition = parse.GetValue(partition),
                Time = parse.GetValue(time),
                Account = parse.GetValue(account),
                CpusPerTask = parse.GetValue(cpus),
                GpusPerTask = parse.GetValue(gpus),
                Setup = parse.GetValue(setup) ?? [],
            };
            // Every value is checked before anything is written: a hostile one must leave no script and no run directory.
            options.Validate();
            bool again = parse.GetValue(resubmit);
            if (again && SlurmJobs.Read(run).Count == 0)
                throw new InputException("has no earlier submission to resubmit (no slurm/jobs.json)", run, hint: "submit first with `regurg study slurm SPEC --submit`");

            // The run directory's files (spec, test set, plan) exist before any task starts, as with `study run`.
            new StudyRunner(plan, new StudyRunOptions { RunDirectory = run, Cell = StudyUnits.Report }).Prepare();
            var active = SlurmQueue.States(run).Where(s => s.Value is "PENDING" or "RUNNING" or "CONFIGURING" or "REQUEUED" or "SUSPENDED").Select(s => s.Key).ToHashSet();
            var shared = UnfinishedWork.SharedUnits(plan, run).Where(u => !active.Contains(u)).ToList();
            var cells = UnfinishedWork.Cells(plan, run).Where(u => !active.Contains(u)).ToList();
            if (active.Count > 0) o.WriteLine($"{active.Count} unit(s) still queued or running in Slurm are left to their jobs");
            if (shared.Count == 0 && cells.Count == 0)
            {
                o.WriteLine(active.Count > 0 ? "nothing else to submit" : $"nothing left to run: every cell of {plan.Spec.Name} is done (`regurg study report {run}` rebuilds the report)");
                return 0;
            }
            // The money is confirmed once, here, for every API cell submitted; the tasks then run with --yes.
            if (plan.Spec.ApiStudent is { ConfirmAbove: double limit } && !parse.GetValue(yes))
            {
                double cost = ApiCostEstimate.For(plan, plan.Cells.Where(c => cells.Contains(c.Id))).Sum(e => e.Cost ?? 0);
                if (cost > limit)
                    throw new InputException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"the {cells.Count} API cell(s) to submit are estimated to cost ${cost:F2}, above the spec's confirm_above (${limit:F2}); nothing was submitted"),
                        plan.Spec.File, hint: "see the estimate with `regurg study plan SPEC`, then rerun with --yes");
            }
            var stages = SlurmScripts.Write(plan, options, shared, cells);
            foreach (var stage in stages)
                o.WriteLine($"{stage.Name}: {stage.Script} ({stage.Units.Count} task(s){(stage.Name == "cells" ? "" : ": " + string.Join(", ", stage.Units))})");
            if (!parse.GetValue(submit) && !again)
            {
                o.WriteLine($"submit with: bash {Path.Combine(Path.GetDirectoryName(stages[0].Script)!, "submit.sh")} (or rerun with --submit)");
                return 0;
            }
            foreach (var job in SlurmJobs.Submit(run, stages)) o.WriteLine($"submitted {job.Stage}: job {job.JobId}");
            o.WriteLine($"watch with: regurg study status {run}");
            return 0;
        });
        return command;
    }

    /// <summary>This regurg as the words of a command: its executable, or `dotnet regurg.dll`.</summary>
    static string[] ThisRegurg()
    {
        var start = StudyCommand.Child([]);
        return [start.FileName, .. start.ArgumentList];
    }
}
