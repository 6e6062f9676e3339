using System.CommandLine;
using Regurgitate.IO;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Regurgitate.Errors;
using Regurgitate.Metrics;
using Spectre.Console;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg errors`: per-segment error signals of translations, a summary, and a JSONL for filtering.</summary>
internal static class ErrorsCommand
{
    public static Command Create()
    {
        var hyp = new Option<string>("--hyp") { Description = "Translations to check, one segment per line (.gz allowed).", Required = true };
        var src = new Option<string>("--src") { Description = "Their sources, aligned line by line.", Required = true };
        var reference = new Option<string?>("--ref") { Description = "Human references for the same sources: adds sentence chrF and TER edit rate, and sets the expected length ratio." };
        var sourceLang = new Option<string>("--source-lang") { Description = "Source language code, e.g. en.", Required = true };
        var targetLang = new Option<string>("--target-lang") { Description = "Target language code, e.g. de: decides which scripts are foreign.", Required = true };
        var scripts = new Option<string?>("--target-scripts") { Description = "Override the target language's scripts, comma-separated (e.g. Latin,Greek)." };
        var output = new Option<string?>("--out") { Description = "Write per-segment signals and flags as JSON Lines to this file (atomically)." };
        var copy = new Option<double>("--copy-threshold") { Description = "Flag copied source when this share of output words occur in the source.", DefaultValueFactory = _ => 0.8 };
        var loops = new Option<int>("--loop-copies") { Description = "Flag a loop when an n-gram repeats this many times back to back.", DefaultValueFactory = _ => 3 };
        var lengthZ = new Option<double>("--length-z") { Description = "Flag length outliers beyond this robust z-score.", DefaultValueFactory = _ => RobustZ.DefaultThreshold };
        var lengthRatio = new Option<double?>("--length-ratio") { Description = "Expected output/source character-length ratio when there are no references." };
        var foreign = new Option<double>("--foreign-share") { Description = "Flag foreign script when this share of letters is outside the target scripts.", DefaultValueFactory = _ => 0.1 };
        var edit = new Option<double>("--edit-threshold") { Description = "Flag a high TER edit rate above this (needs --ref).", DefaultValueFactory = _ => 0.5 };
        var format = new Option<string>("--format") { Description = "Summary as table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");

        var command = new Command("errors",
            "Per-segment error signals of translations: empty output, copied source, repetition loops, length outliers, " +
            "foreign script, and with --ref sentence chrF and TER edit rate. Prints the share of each error type.");
        foreach (var option in new Option[] { hyp, src, reference, sourceLang, targetLang, scripts, output, copy, loops, lengthZ, lengthRatio, foreign, edit, format })
            command.Options.Add(option);

        command.SetAction((parse, cancellationToken) =>
        {
            OutputFiles.Check((parse.GetValue(output), "--out"));
            string hypPath = parse.GetValue(hyp)!, srcPath = parse.GetValue(src)!;
            string? refPath = parse.GetValue(reference);
            string target = parse.GetValue(targetLang)!;
            var targetScripts = ResolveScripts(target, parse.GetValue(scripts));
            var options = new ErrorOptions(
                targetScripts,
                CopyThreshold: parse.GetValue(copy),
                LoopCopies: parse.GetValue(loops),
                LengthZThreshold: parse.GetValue(lengthZ),
                ExpectedLengthRatio: parse.GetValue(lengthRatio),
                ForeignShareThreshold: parse.GetValue(foreign),
                EditRateThreshold: parse.GetValue(edit));
            try { options.Validate(); }
            catch (ArgumentOutOfRangeException e)
            {
                throw new InputException(e.Message.Split(" (Parameter")[0] + (e.ActualValue == null ? "" : $" (got {e.ActualValue})"), hint: "see regurg errors --help");
            }

            var hypotheses = SegmentFile.Read(hypPath);
            var sources = SegmentFile.Read(srcPath);
            if (hypotheses.Length == 0) throw new InputException("no segments to check: the file is empty", hypPath);
            RequireSameLength(hypPath, hypotheses.Length, srcPath, sources.Length, "--src");
            string[]? references = null;
            if (refPath != null)
            {
                references = SegmentFile.Read(refPath);
                RequireSameLength(hypPath, hypotheses.Length, refPath, references.Length, "--ref");
            }

            var report = ErrorAnalysis.Analyze(hypotheses, sources, references, options,
                references == null ? null : new SacreBleuReferenceScorer(), cancellationToken);
            string? outPath = parse.GetValue(output);
            if (outPath != null) ErrorJsonl.Write(outPath, report);

            var writer = parse.InvocationConfiguration.Output;
            var context = new Context(hypPath, srcPath, refPath, parse.GetValue(sourceLang)!, target, targetScripts, outPath);
            if (parse.GetValue(format) == "json") writer.WriteLine(ToJson(report, context));
            else WriteTables(writer, report, context);
            return Task.FromResult(0);
        });
        return command;
    }

    sealed record Context(string Hyp, string Src, string? Ref, string SourceLang, string TargetLang, IReadOnlySet<WritingScript> Scripts, string? Out);

    static IReadOnlySet<WritingScript> ResolveScripts(string language, string? overrideList)
    {
        if (overrideList != null)
        {
            var set = new HashSet<WritingScript>();
            foreach (var name in overrideList.Split(',', StringSplitOptions.RemoveEmptyEntries))
                set.Add(WritingScripts.Parse(name) ?? throw new InputException($"--target-scripts: unknown script '{name.Trim()}'",
                    hint: "one of " + string.Join(", ", Enum.GetNames<WritingScript>())));
            if (set.Count == 0) throw new InputException("--target-scripts: no script given");
            return set;
        }
        return TargetScripts.For(language) ?? throw new InputException($"--target-lang: no script known for language '{language}'",
            hint: "give its scripts with --target-scripts, e.g. --target-scripts Latin");
    }

    static void RequireSameLength(string hypPath, int hypLines, string otherPath, int otherLines, string option)
    {
        if (hypLines != otherLines)
            throw new InputException($"{hypLines} lines in --hyp but {otherLines} lines in {option} {otherPath}", hypPath,
                hint: "the files must be aligned line by line");
    }

    static void WriteTables(TextWriter writer, ErrorReport report, Context context)
    {
        var console = Terminal.AnsiConsoleFor(writer);
        // A file or a test writer has no width of its own; Spectre would assume 80 columns and wrap.
        if (!ReferenceEquals(writer, Console.Out) || Console.IsOutputRedirected) console.Profile.Width = Math.Max(console.Profile.Width, 160);
        int n = report.Segments.Count;
        console.WriteLine($"{context.Hyp}: {n} segments, {context.SourceLang} → {context.TargetLang} (target scripts: {string.Join(", ", context.Scripts.Order())})");
        console.WriteLine($"length baseline: {report.LengthBaseline}");
        var summary = new Table().Title("Error signals").AddColumn("error type").AddColumn(new TableColumn("segments").RightAligned()).AddColumn(new TableColumn("share").RightAligned());
        foreach (var flag in ErrorFlagNames.All)
        {
            if (flag == ErrorFlags.HighEditRate && report.EditRates == null) continue;
            summary.AddRow(ErrorFlagNames.NameOf(flag), report.Count(flag).ToString(CultureInfo.InvariantCulture), Percent(report.Share(flag)));
        }
        summary.AddRow("any reference-free flag", report.FlaggedReferenceFree.ToString(CultureInfo.InvariantCulture), Percent(n == 0 ? 0 : (double)report.FlaggedReferenceFree / n));
        console.Write(summary);

        if (report.EditRates is { } rates)
        {
            console.WriteLine(Markup.Escape($"against {context.Ref}: mean sentence chrF {rates.MeanChrf:0.00}, mean TER edit rate {rates.Mean:0.000}, " +
                $"{Percent(rates.AboveThreshold)} of segments above {rates.Threshold:0.###}"));
            console.WriteLine(Markup.Escape($"edit-rate quantiles: {string.Join("  ", rates.Quantiles.Select(q => $"p{q.Quantile * 100:0}={q.EditRate:0.000}"))}"));
            var histogram = new Table().Title("TER edit rate per segment").AddColumn("edit rate").AddColumn(new TableColumn("segments").RightAligned()).AddColumn("");
            int total = rates.Histogram.Sum(), most = Math.Max(1, rates.Histogram.Max());
            for (int bin = 0; bin < rates.Histogram.Count; bin++)
            {
                string range = bin == rates.Histogram.Count - 1 ? "≥ 1.0" : $"{bin * EditRateDistribution.BinWidth:0.0}–{(bin + 1) * EditRateDistribution.BinWidth:0.0}";
                histogram.AddRow(range, rates.Histogram[bin].ToString(CultureInfo.InvariantCulture), new string('█', (int)Math.Round(30.0 * rates.Histogram[bin] / most)));
            }
            console.Write(histogram);
            console.WriteLine(Markup.Escape($"metrics: {report.ReferenceSignature}"));
        }
        if (context.Out != null) console.WriteLine(Markup.Escape($"per-segment signals: {context.Out}"));
    }

    static string Percent(double share) => (share * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    static string ToJson(ErrorReport report, Context context)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("hyp", context.Hyp);
            json.WriteString("src", context.Src);
            if (context.Ref != null) json.WriteString("ref", context.Ref);
            json.WriteString("source_lang", context.SourceLang);
            json.WriteString("target_lang", context.TargetLang);
            json.WriteStartArray("target_scripts");
            foreach (var script in context.Scripts.Order()) json.WriteStringValue(script.ToString());
            json.WriteEndArray();
            json.WriteNumber("segments", report.Segments.Count);
            json.WriteString("length_baseline", report.LengthBaseline);
            json.WriteStartObject("errors");
            foreach (var flag in ErrorFlagNames.All)
            {
                if (flag == ErrorFlags.HighEditRate && report.EditRates == null) continue;
                json.WriteStartObject(ErrorFlagNames.NameOf(flag));
                json.WriteNumber("segments", report.Count(flag));
                json.WriteNumber("share", report.Share(flag));
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteNumber("flagged_reference_free", report.FlaggedReferenceFree);
            if (report.EditRates is { } rates)
            {
                json.WriteStartObject("edit_rate");
                json.WriteString("signature", report.ReferenceSignature);
                json.WriteNumber("threshold", rates.Threshold);
                json.WriteNumber("share_above_threshold", rates.AboveThreshold);
                json.WriteNumber("mean", rates.Mean);
                json.WriteNumber("mean_chrf", rates.MeanChrf);
                json.WriteStartObject("quantiles");
                foreach (var (q, value) in rates.Quantiles) json.WriteNumber($"p{q * 100:0}", value);
                json.WriteEndObject();
                json.WriteStartArray("histogram");
                foreach (int count in rates.Histogram) json.WriteNumberValue(count);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            if (context.Out != null) json.WriteString("segments_file", context.Out);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
