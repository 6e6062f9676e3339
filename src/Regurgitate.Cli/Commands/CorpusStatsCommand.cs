using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Regurgitate.Corpora;
using Spectre.Console;
using Regurgitate.IO;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg corpus stats`: pairs, tokens, length percentiles, empty lines, duplicates, provenance.</summary>
internal static class CorpusStatsCommand
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var command = new Command("stats", "Count pairs, tokens per side, sentence-length percentiles, empty lines, duplicates and provenance.");
        var input = new CorpusArguments().AddTo(command);
        var format = CorpusCommand.FormatOption();
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var corpus = input.ResolveRequired(parse);
            var stats = ConsoleProgress.Run(parse, progress => CorpusStatistics.Compute(corpus.Reporting(progress, "stats")));
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
            {
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    corpus = corpus.Name,
                    stats.Pairs,
                    stats.Source,
                    stats.Target,
                    stats.DuplicatePairs,
                    stats.DuplicateSources,
                    Provenance = stats.Provenance.ToDictionary(kv => kv.Key, kv => kv.Value),
                }, Json));
                return 0;
            }
            var console = Terminal.AnsiConsoleFor(output);
            console.WriteLine($"corpus: {corpus.Name}");
            var table = new Table().AddColumn("").AddColumn(new TableColumn("source").RightAligned()).AddColumn(new TableColumn("target").RightAligned());
            string N(double v) => v.ToString("N0", CultureInfo.InvariantCulture);
            table.AddRow("pairs", N(stats.Pairs), N(stats.Pairs));
            table.AddRow("tokens", N(stats.Source.Tokens), N(stats.Target.Tokens));
            table.AddRow("characters", N(stats.Source.Characters), N(stats.Target.Characters));
            table.AddRow("empty lines", N(stats.Source.EmptyLines), N(stats.Target.EmptyLines));
            table.AddRow("mean tokens", stats.Source.Lengths.Mean.ToString("0.00", CultureInfo.InvariantCulture), stats.Target.Lengths.Mean.ToString("0.00", CultureInfo.InvariantCulture));
            foreach (var (name, pick) in new (string, Func<LengthDistribution, int>)[]
                     {
                         ("min tokens", d => d.Min), ("p5", d => d.P5), ("p25", d => d.P25), ("median", d => d.Median),
                         ("p75", d => d.P75), ("p95", d => d.P95), ("p99", d => d.P99), ("max tokens", d => d.Max),
                     })
                table.AddRow(name, N(pick(stats.Source.Lengths)), N(pick(stats.Target.Lengths)));
            console.Write(table);
            var other = new Table().AddColumn("").AddColumn(new TableColumn("pairs").RightAligned());
            other.AddRow("duplicate pairs", N(stats.DuplicatePairs));
            other.AddRow("duplicate sources", N(stats.DuplicateSources));
            foreach (var (label, count) in stats.Provenance)
                other.AddRow(Markup.Escape($"provenance: {label}"), N(count));
            console.Write(other);
            return 0;
        });
        return command;
    }
}
