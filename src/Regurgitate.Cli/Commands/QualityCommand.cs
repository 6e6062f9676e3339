using System.CommandLine;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg quality`: reference-free per-pair quality scores of synthetic data, and their evaluation against references.</summary>
internal static class QualityCommand
{
    public static Command Create()
    {
        var command = new Command("quality", "Per-pair quality scores of synthetic data (no human reference needed), and how well they track references.");
        command.Subcommands.Add(QualityScoreCommand.Create());
        command.Subcommands.Add(QualityEvaluateCommand.Create());
        return command;
    }
}
