using System.CommandLine;
using System.Globalization;
using Regurgitate.Studies;
using Regurgitate.RunDirectories;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg study status RUN`: done, running, failed and pending cells, time spent and left.</summary>
internal static class StudyStatusCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "run directory, e.g. runs/demo" };
        var command = new Command("status", "Show a study run's cells (done, running, failed, pending), Slurm's state of each when it was submitted with `study slurm`, time spent and an estimate of the time left.");
        command.Arguments.Add(run);
        command.SetAction(parse =>
        {
            var o = parse.InvocationConfiguration.Output;
            string directory = parse.GetValue(run)!;
            var status = StudyStatus.Read(directory);
            // Slurm's view beside the run directory's, for runs submitted with `study slurm`.
            var slurm = SlurmQueue.States(directory);
            foreach (var (unit, state) in slurm.Where(s => StudyUnits.IsShared(s.Key)))
                o.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-40} {1,-8} slurm: {2}", unit, "", state));
            foreach (var cell in status.Cells)
            {
                string detail = cell.State switch
                {
                    CellStatus.Done => string.Create(CultureInfo.InvariantCulture, $"BLEU {cell.Bleu:F2}, {StudyStatus.Clock(cell.Seconds ?? 0)}"),
                    CellStatus.Failed => cell.Error ?? "",
                    _ => "",
                };
                if (slurm.TryGetValue(cell.Cell, out var queued)) detail = detail.Length == 0 ? $"slurm: {queued}" : $"{detail}; slurm: {queued}";
                o.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-40} {1,-8} {2}", cell.Cell, cell.State, detail));
            }
            var counts = status.Cells.GroupBy(c => c.State).ToDictionary(g => g.Key, g => g.Count());
            int Count(string state) => counts.GetValueOrDefault(state);
            o.WriteLine($"{status.Study}: {Count(CellStatus.Done)} done, {Count(CellStatus.Running)} running, {Count(CellStatus.Failed)} failed, {Count(CellStatus.Pending)} pending of {status.Cells.Count}; "
                + $"time spent {StudyStatus.Clock(status.SecondsSpent)}"
                + (status.SecondsLeft is double left && left > 0 ? $", about {StudyStatus.Clock(left)} left (one job)" : "")
                + (status.Finished != null ? $"; finished {status.Finished}" : ""));
            return 0;
        });
        return command;
    }
}
