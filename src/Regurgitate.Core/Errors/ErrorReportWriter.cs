using System.Globalization;
using System.Text;
using System.Text.Json;
using Regurgitate.IO;
using Spectre.Console;

namespace Regurgitate.Errors;

/// <summary>Prints an <see cref="ErrorReport"/>'s summary as tables or JSON: what `regurg errors` prints, in one place.</summary>
public static class ErrorReportWriter
{
    /// <summary>What was analysed: the files, languages and target scripts, and where per-segment signals went (if anywhere).</summary>
    public sealed record Inputs(string Hyp, string Src, string? Ref, string SourceLang, string TargetLang, IReadOnlySet<WritingScript> Scripts, string? Out);

    /// <summary>Writes the share of each error type, and with references the edit-rate distribution, as tables.</summary>
    public static void WriteTables(TextWriter writer, ErrorReport report, Inputs context)
    {
        var console = Terminal.AnsiConsoleFor(writer, wide: true);
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

    /// <summary>Writes the same summary as one JSON object.</summary>
    public static void WriteJson(TextWriter output, ErrorReport report, Inputs context)
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
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
