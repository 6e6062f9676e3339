using System.CommandLine;
using System.Diagnostics;
using Regurgitate.Corpora.Datasets;
using Regurgitate.Studies;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg study`: run a whole regurgitative-training study from one YAML spec.</summary>
internal static class StudyCommand
{
    public static Command Create()
    {
        var command = new Command("study", "Studies: one YAML spec expanded into cells (condition x size x seed), run resumably into a run directory and a report.");
        command.Subcommands.Add(StudyRunCommand.Create());
        command.Subcommands.Add(StudyPlanCommand.Create());
        command.Subcommands.Add(StudyStatusCommand.Create());
        command.Subcommands.Add(StudyReportCommand.Create());
        command.Subcommands.Add(StudyPowerCommand.Create());
        command.Subcommands.Add(StudySlurmCommand.Create());
        return command;
    }

    /// <summary>The `--out` option: the run directory (default runs/&lt;spec name&gt;).</summary>
    public static Option<string?> OutOption() => new("--out", "-o") { Description = "run directory (default: runs/<study name>)" };

    /// <summary>The run directory for <paramref name="spec"/>; a file there is refused before anything is written.</summary>
    public static string RunDirectoryOf(StudySpec spec, string? option)
    {
        string run = Path.GetFullPath(option ?? Path.Combine("runs", spec.Name));
        if (File.Exists(run)) throw new InputException("is a file, not a run directory", run, hint: "name a folder with --out");
        return run;
    }

    /// <summary>Reads and expands a spec (all input errors before anything is written).</summary>
    public static StudyPlan Plan(ParseResult parse, string specPath) =>
        StudyPlan.Create(StudySpec.Load(specPath), CorpusArguments.DataDirectoryOf(parse));

    /// <summary>Starts this same `regurg` with other arguments (for a parallel run's per-cell child processes).</summary>
    public static ProcessStartInfo Child(IReadOnlyList<string> arguments)
    {
        string process = Environment.ProcessPath ?? "dotnet";
        var start = Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? new ProcessStartInfo(process, [typeof(CommandLine).Assembly.Location, .. arguments])
            : new ProcessStartInfo(process, arguments);
        start.UseShellExecute = false;
        return start;
    }

    /// <summary>The resolved data directory, to hand to child processes.</summary>
    public static string DataDirectory(ParseResult parse) => CorpusArguments.DataDirectoryOf(parse).Root;
}
