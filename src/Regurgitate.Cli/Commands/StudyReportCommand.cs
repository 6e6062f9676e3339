using System.CommandLine;
using Regurgitate.Reports;
using Regurgitate.RunDirectories;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg study report RUN`: rebuild the report from the finished cells (no training, no libtorch).</summary>
internal static class StudyReportCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "run directory, e.g. runs/demo" };
        var command = new Command("report", "Rebuild a study's report (report.html, report.md, figures) from its finished cells.");
        command.Arguments.Add(run);
        command.SetAction(parse =>
        {
            string directory = parse.GetValue(run)!;
            if (!File.Exists(new RunLayout(directory).Results))
                throw new InputException("is not a study run directory (no results.jsonl)", directory, hint: "give the folder `regurg study run` wrote, e.g. runs/demo");
            parse.InvocationConfiguration.Output.WriteLine($"report: {StudyReport.Write(directory)}");
            return 0;
        });
        return command;
    }
}
