using System.CommandLine;
using System.Text.Json;
using Regurgitate.Corpora.Datasets;
using Spectre.Console;
using Regurgitate.IO;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg corpus list`: the named datasets, their splits and directions, and whether each is present locally.</summary>
internal static class CorpusListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List the named datasets (--corpus name:split:src-tgt), their splits, and which are in the data directory.");
        var name = new Argument<string?>("dataset") { Description = "show only this dataset (e.g. wmt17-systems lists its 16 systems)", Arity = ArgumentArity.ZeroOrOne };
        command.Arguments.Add(name);
        var format = CorpusCommand.FormatOption();
        command.Options.Add(format);
        CorpusArguments.AddDataDirOption(command);
        command.SetAction(parse =>
        {
            var directory = CorpusArguments.DataDirectoryOf(parse);
            var only = parse.GetValue(name);
            var datasets = only == null ? DatasetCatalog.All : [DatasetCatalog.Find(only)];
            var rows = datasets.SelectMany(d => d.Splits.Select(s => new
            {
                dataset = d.Name,
                split = s.Name,
                directions = s.LanguagePairs.Select(p => p.ToString()).ToArray(),
                pairs = s.Pairs,
                present = Presence(d, s, directory),
                note = s.Note,
            })).ToList();
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
            {
                output.WriteLine(JsonSerializer.Serialize(new { dataDirectory = directory.Root, datasets = rows }, CorpusStatsCommand.Json));
                return 0;
            }
            var console = Terminal.AnsiConsoleFor(output);
            console.WriteLine($"data directory: {directory.Root}");
            foreach (var d in datasets)
            {
                console.WriteLine();
                console.WriteLine(Markup.Escape($"{d.Name}: {d.Description}"));
                console.WriteLine(Markup.Escape($"  source: {d.Homepage}"));
                // One table per dataset keeps it within 80 columns when output is not a terminal.
                var table = new Table().AddColumn("split").AddColumn("directions")
                    .AddColumn(new TableColumn("pairs").RightAligned()).AddColumn("present");
                foreach (var r in rows.Where(r => r.dataset == d.Name))
                    table.AddRow(Markup.Escape(r.split), Markup.Escape(Directions(r.directions)),
                        r.pairs?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? Markup.Escape(r.note ?? ""), r.present);
                console.Write(table);
            }
            return 0;
        });
        return command;
    }

    static string Presence(Dataset dataset, DatasetSplit split, DataDirectory directory)
    {
        int present = split.LanguagePairs.Count(p => dataset.IsPresent(new DatasetSpec(dataset.Name, split.Name, p), directory));
        return present == split.LanguagePairs.Count ? "yes" : present == 0 ? "no" : "partly";
    }

    // "de-en en-de fr-en ..." is long for multi30k; every ordered pair of a language set reads better as "de,en,fr,cs (any)".
    static string Directions(string[] directions)
    {
        var languages = directions.SelectMany(d => d.Split('-')).Distinct().ToArray();
        return languages.Length > 2 && directions.Length == languages.Length * (languages.Length - 1)
            ? $"{string.Join(",", languages)} (any direction)"
            : string.Join(" ", directions);
    }
}
