using System.CommandLine;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg corpus`: inspect, convert, sample, list and download parallel corpora.</summary>
internal static class CorpusCommand
{
    public static Command Create()
    {
        var command = new Command("corpus", "Parallel corpora: statistics, format conversion, seeded samples, named datasets.");
        command.Subcommands.Add(CorpusStatsCommand.Create());
        command.Subcommands.Add(CorpusConvertCommand.Create());
        command.Subcommands.Add(CorpusSampleCommand.Create());
        command.Subcommands.Add(CorpusListCommand.Create());
        command.Subcommands.Add(CorpusDownloadCommand.Create());
        return command;
    }

    /// <summary>The `--format table|json` option shared by the reporting subcommands.</summary>
    public static Option<string> FormatOption() => new Option<string>("--format")
    {
        Description = "output format: table (for people) or json (for scripts)",
        DefaultValueFactory = _ => "table",
    }.AcceptOnlyFromAmong("table", "json");
}
