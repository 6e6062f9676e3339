using System.CommandLine;
using Regurgitate.Detection;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg detector`: train, evaluate and apply a detector of machine-made target text.</summary>
internal static class DetectorCommand
{
    public static Command Create()
    {
        var command = new Command("detector",
            "A detector of machine-made text: trained on human vs generated targets, it gives each pair P(human) for ranking, " +
            "weighted sampling and auditing a corpus's machine share.");
        command.Subcommands.Add(DetectorTrainCommand.Create());
        command.Subcommands.Add(DetectorEvaluateCommand.Create());
        command.Subcommands.Add(DetectorRankCommand.Create());
        command.Subcommands.Add(DetectorAuditCommand.Create());
        return command;
    }

    /// <summary>The `--model DIR` option of the commands that use a trained detector.</summary>
    public static Option<string> ModelOption() => new("--model", "-m") { Description = "detector directory written by `regurg detector train`", Required = true };

    /// <summary>The `--format table|json` option.</summary>
    public static Option<string> FormatOption()
    {
        var format = new Option<string>("--format") { Description = "print tables or one JSON object", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        return format;
    }

    /// <summary>Texts and sources of one or more corpus files; sources from <paramref name="sourcePaths"/> (aligned) or from JSONL.</summary>
    public static (List<string> Texts, List<string>? Sources) ReadLabelled(string[] paths, string[]? sourcePaths, string option)
    {
        if (sourcePaths is { Length: > 0 } && sourcePaths.Length != paths.Length)
            throw new InputException($"{paths.Length} files for {option} but {sourcePaths.Length} source files", hint: $"give one source file per {option} file, in the same order");
        var texts = new List<string>();
        var sources = new List<string>();
        bool allHaveSources = true;
        for (int f = 0; f < paths.Length; f++)
        {
            var segments = DetectorCorpus.Read(paths[f]);
            texts.AddRange(segments.Select(s => s.Text));
            if (sourcePaths is { Length: > 0 })
            {
                var fileSources = DetectorCorpus.Read(sourcePaths[f]);
                if (fileSources.Count != segments.Count)
                    throw new InputException($"{fileSources.Count} sources for {segments.Count} targets in {paths[f]}", sourcePaths[f], hint: "sources must be aligned with targets line by line");
                sources.AddRange(fileSources.Select(s => s.Text));
            }
            else if (segments.All(s => s.Source != null)) sources.AddRange(segments.Select(s => s.Source!));
            else allHaveSources = false;
        }
        return (texts, allHaveSources ? sources : null);
    }
}
