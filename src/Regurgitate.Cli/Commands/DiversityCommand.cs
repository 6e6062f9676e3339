using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Regurgitate.Diversity;
using Regurgitate.Metrics;
using Spectre.Console;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg diversity`: lexical diversity of texts side by side, the first file as the reference.</summary>
internal static class DiversityCommand
{
    const string LessMarker = "▼", MoreMarker = "▲";

    public static Command Create()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Text files, one segment per line (.gz allowed). The first is the reference the others are compared with.",
            Arity = ArgumentArity.OneOrMore,
        };
        var tokenize = new Option<string>("--tokenize")
        {
            Description = "Word tokenization: 13a (sacreBLEU's default), whitespace, or none (sacreBLEU's name for a plain whitespace split).",
            DefaultValueFactory = _ => "13a",
        };
        tokenize.AcceptOnlyFromAmong("13a", "whitespace", "none");
        var lowercase = new Option<bool>("--lowercase", "-lc") { Description = "Lowercase before counting." };
        var window = new Option<int>("--mattr-window") { Description = "MATTR window in tokens.", DefaultValueFactory = _ => Mattr.DefaultWindow };
        var threshold = new Option<double>("--mtld-threshold") { Description = "MTLD factor-size TTR threshold.", DefaultValueFactory = _ => Mtld.DefaultThreshold };
        var sample = new Option<int>("--hdd-sample") { Description = "HD-D sample size in tokens.", DefaultValueFactory = _ => 42 };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples of segments for 95% intervals (0: none).", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Bootstrap seed.", DefaultValueFactory = _ => 12345 };
        var format = new Option<string>("--format") { Description = "Output: table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");

        var command = new Command("diversity",
            "Lexical diversity (vocabulary, TTR, root TTR, MATTR, MTLD, HD-D, Yule's K, distinct-1/2/3, entropy, hapax ratio) " +
            "with bootstrap confidence intervals; files after the first are marked where they are less (▼) or more (▲) diverse than it.");
        command.Arguments.Add(files);
        foreach (var option in new Option[] { tokenize, lowercase, window, threshold, sample, bootstrap, seed, format })
            command.Options.Add(option);

        command.SetAction((parse, cancellationToken) =>
        {
            var options = new DiversityOptions(
                Tokenization: DiversityTokenizer.Parse(parse.GetValue(tokenize)!)!.Value,
                Lowercase: parse.GetValue(lowercase),
                MattrWindow: parse.GetValue(window),
                MtldThreshold: parse.GetValue(threshold),
                HddSampleSize: parse.GetValue(sample),
                BootstrapSamples: parse.GetValue(bootstrap),
                Seed: parse.GetValue(seed));
            try { options.Validate(); }
            catch (ArgumentOutOfRangeException e)
            {
                string option = e.ParamName switch
                {
                    nameof(DiversityOptions.MattrWindow) => window.Name,
                    nameof(DiversityOptions.MtldThreshold) => threshold.Name,
                    nameof(DiversityOptions.HddSampleSize) => sample.Name,
                    nameof(DiversityOptions.BootstrapSamples) => bootstrap.Name,
                    _ => e.ParamName ?? "an option",
                };
                // ArgumentException appends " (Parameter 'X')" and the actual value on further lines; we name the option instead.
                string problem = e.Message.Split(" (Parameter")[0];
                throw new InputException($"{option} {e.ActualValue}: {problem}", hint: "see regurg diversity --help");
            }

            var paths = parse.GetValue(files)!;
            var reports = new List<DiversityReport>();
            foreach (var path in paths)
            {
                var segments = SegmentFile.Read(path);
                if (segments.Length == 0) throw new InputException("no segments to measure: the file is empty", path);
                reports.Add(LexicalDiversity.Analyze(Path.GetFileName(path), segments, options, cancellationToken));
            }

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json") output.WriteLine(ToJson(paths, reports, options));
            else WriteTables(output, reports, options);
            return Task.FromResult(0);
        });
        return command;
    }

    // Three narrow tables rather than one 13-column one, so each fits a terminal.
    static readonly (string Title, DiversityMeasure[] Measures)[] Groups =
    [
        ("Vocabulary (depends on text length)", [DiversityMeasure.Vocabulary, DiversityMeasure.Ttr, DiversityMeasure.RootTtr, DiversityMeasure.HapaxRatio]),
        ("Distinct n-grams per token (Li et al. 2016)", [DiversityMeasure.Distinct1, DiversityMeasure.Distinct2, DiversityMeasure.Distinct3]),
        ("Length-robust measures", [DiversityMeasure.Mattr, DiversityMeasure.Mtld, DiversityMeasure.Hdd, DiversityMeasure.YulesK, DiversityMeasure.Entropy]),
    ];

    static void WriteTables(TextWriter output, IReadOnlyList<DiversityReport> reports, DiversityOptions options)
    {
        var console = Terminal.AnsiConsoleFor(output);
        // A file or a test writer has no width of its own; Spectre would assume 80 columns and wrap.
        if (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected) console.Profile.Width = Math.Max(console.Profile.Width, 160);
        var first = reports[0];
        console.WriteLine($"tokenization: {first.Tokenizer}; MATTR window {options.MattrWindow}; MTLD threshold {Number(options.MtldThreshold)} (bidirectional); HD-D sample {options.HddSampleSize}");
        console.WriteLine(options.BootstrapSamples > 0
            ? $"intervals: {options.BootstrapSamples} bootstrap resamples of segments, seed {options.Seed}, {Number(options.ConfidenceLevel * 100)}% percentile, bias-corrected (shifted by the bootstrap bias)"
            : "intervals: none (--bootstrap 0)");
        if (reports.Count > 1)
            console.WriteLine($"{LessMarker} less / {MoreMarker} more diverse than {first.Label} (intervals do not overlap); for Yule's K lower is more diverse");
        foreach (var (title, measures) in Groups)
        {
            var table = new Table().Title(Markup.Escape(title)).AddColumn("file");
            if (measures.Contains(DiversityMeasure.Vocabulary)) table.AddColumn(new TableColumn("segments").RightAligned()).AddColumn(new TableColumn("tokens").RightAligned());
            foreach (var measure in measures) table.AddColumn(new TableColumn(Markup.Escape(measure.Name)).RightAligned());
            foreach (var report in reports)
            {
                var row = new List<string> { Markup.Escape(report.Label) };
                if (measures.Contains(DiversityMeasure.Vocabulary))
                {
                    row.Add(report.Segments.ToString(CultureInfo.InvariantCulture));
                    row.Add(report.Tokens.ToString(CultureInfo.InvariantCulture));
                }
                foreach (var measure in measures) row.Add(Cell(first, report, measure));
                table.AddRow(row.ToArray());
            }
            console.Write(table);
        }
        foreach (var report in reports)
            foreach (var note in report.Notes) console.WriteLine(Markup.Escape($"note: {report.Label}: {note}"));
    }

    static string Cell(DiversityReport reference, DiversityReport report, DiversityMeasure measure)
    {
        var estimate = report[measure];
        string value = Format(measure, estimate.Value);
        if (!estimate.HasInterval) return Markup.Escape(value);
        string marker = ReferenceEquals(reference, report) ? "" : LexicalDiversity.Compare(reference, report, measure) switch
        {
            DiversityDifference.LessDiverse => " " + LessMarker,
            DiversityDifference.MoreDiverse => " " + MoreMarker,
            _ => "",
        };
        return Markup.Escape($"{value}{marker}\n[{Format(measure, estimate.Low)}, {Format(measure, estimate.High)}]");
    }

    static string Format(DiversityMeasure measure, double value)
    {
        if (double.IsNaN(value)) return "n/a";
        string format = measure.Key switch
        {
            "vocabulary" => "F0",
            "root_ttr" or "yules_k" => "F2",
            "mtld" => "F1",
            "entropy" => "F3",
            _ => "F4",
        };
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    static string ToJson(IReadOnlyList<string> paths, IReadOnlyList<DiversityReport> reports, DiversityOptions options)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("tokenizer", reports[0].Tokenizer);
            json.WriteStartObject("options");
            json.WriteNumber("mattr_window", options.MattrWindow);
            json.WriteNumber("mtld_threshold", options.MtldThreshold);
            json.WriteNumber("hdd_sample_size", options.HddSampleSize);
            json.WriteNumber("bootstrap_samples", options.BootstrapSamples);
            json.WriteNumber("seed", options.Seed);
            json.WriteNumber("confidence_level", options.ConfidenceLevel);
            json.WriteString("interval", "bootstrap percentile shifted by (full-text value - mean of resamples)");
            json.WriteEndObject();
            json.WriteString("reference", reports[0].Label);
            json.WriteStartArray("files");
            for (int i = 0; i < reports.Count; i++)
            {
                var report = reports[i];
                json.WriteStartObject();
                json.WriteString("label", report.Label);
                json.WriteString("path", paths[i]);
                json.WriteNumber("segments", report.Segments);
                json.WriteNumber("tokens", report.Tokens);
                json.WriteStartObject("measures");
                foreach (var measure in DiversityMeasure.All)
                {
                    var estimate = report[measure];
                    json.WriteStartObject(measure.Key);
                    // JSON has no NaN: an undefined value is null, with the reason in "notes".
                    WriteNumberOrNull(json, "value", estimate.Value);
                    WriteNumberOrNull(json, "low", estimate.Low);
                    WriteNumberOrNull(json, "high", estimate.High);
                    if (i > 0)
                        json.WriteString("vs_reference", LexicalDiversity.Compare(reports[0], report, measure) switch
                        {
                            DiversityDifference.LessDiverse => "less_diverse",
                            DiversityDifference.MoreDiverse => "more_diverse",
                            DiversityDifference.Overlapping => "overlapping",
                            _ => "undetermined",
                        });
                    json.WriteEndObject();
                }
                json.WriteEndObject();
                json.WriteStartArray("notes");
                foreach (var note in report.Notes) json.WriteStringValue(note);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    static void WriteNumberOrNull(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) json.WriteNull(name);
        else json.WriteNumber(name, value);
    }
}
