using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Regurgitate.Errors;
using Regurgitate.IO;
using Spectre.Console;

namespace Regurgitate.Quality;

/// <summary>Prints what `regurg quality score` and `regurg quality evaluate` print: tables for people, JSON for scripts.</summary>
public static class QualityReportWriter
{
    static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The distribution of every score of <paramref name="quality"/> and `combined`.</summary>
    public static IReadOnlyList<ScoreSummary> Summaries(QualityScores quality) =>
        [.. quality.Names.Append(QualityScoreNames.Combined).Select(name => ScoreSummary.Of(name, quality.Of(name)))];

    /// <summary>Per score: pairs with a value, mean and quantiles; then how many pairs the error gate flagged.</summary>
    public static void WriteSummaryTable(TextWriter writer, QualityScores quality, string? outPath)
    {
        var console = Terminal.AnsiConsoleFor(writer, wide: true);
        var table = new Table().Title($"Quality scores of {quality.Count} pairs (higher is better)").AddColumn("score");
        foreach (var column in new[] { "pairs", "mean", "p10", "p25", "median", "p75", "p90" }) table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var s in Summaries(quality))
            table.AddRow(s.Name, s.Count.ToString(CultureInfo.InvariantCulture), F(s.Mean), F(s.P10), F(s.P25), F(s.Median), F(s.P75), F(s.P90));
        console.Write(table);
        int flagged = quality.Flags.Count(f => f != ErrorFlags.None);
        console.WriteLine(Markup.Escape($"flagged by reference-free error signals (ranked last by combined): {flagged} of {quality.Count}"));
        if (outPath != null) console.WriteLine(Markup.Escape($"per-pair scores: {outPath}"));
    }

    /// <summary>The same summary as one JSON object.</summary>
    public static void WriteSummaryJson(TextWriter writer, QualityScores quality, string? outPath)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Indented))
        {
            json.WriteStartObject();
            json.WriteNumber("pairs", quality.Count);
            json.WriteNumber("flagged", quality.Flags.Count(f => f != ErrorFlags.None));
            if (outPath != null) json.WriteString("out", outPath);
            json.WriteStartObject("scores");
            foreach (var s in Summaries(quality))
            {
                json.WriteStartObject(s.Name);
                json.WriteNumber("pairs", s.Count);
                Number(json, "mean", s.Mean);
                Number(json, "p10", s.P10);
                Number(json, "p25", s.P25);
                Number(json, "median", s.Median);
                Number(json, "p75", s.P75);
                Number(json, "p90", s.P90);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>Per score: Spearman with sentence chrF, top-k% precision, and the suggested threshold.</summary>
    public static void WriteEvaluationTable(TextWriter writer, IReadOnlyList<ScoreEvaluation> evaluations, string referencePath)
    {
        var console = Terminal.AnsiConsoleFor(writer, wide: true);
        var table = new Table().Title(Markup.Escape($"Quality scores against sentence chrF with {referencePath}")).AddColumn("score");
        var columns = new List<string> { "pairs", "spearman" };
        columns.AddRange(QualityEvaluation.TopPercents.Select(k => $"prec@{k}%"));
        columns.AddRange(["threshold", "F1", "kept"]);
        foreach (var column in columns) table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var e in evaluations)
        {
            var row = new List<string> { e.Name, e.Pairs.ToString(CultureInfo.InvariantCulture), F(e.Spearman) };
            row.AddRange(QualityEvaluation.TopPercents.Select(k => F(e.TopPrecision[k])));
            row.AddRange([F(e.Threshold), F(e.ThresholdF1), F(e.ThresholdKeptShare)]);
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }
        console.Write(table);
        console.WriteLine("prec@k%: share of the score's top k% that are in the true top k% by chrF (chance: k%). " +
            "threshold: keep pairs with score >= it; maximises F1 for keeping pairs with chrF above the median.");
    }

    /// <summary>The same evaluation as one JSON object.</summary>
    public static void WriteEvaluationJson(TextWriter writer, IReadOnlyList<ScoreEvaluation> evaluations, string referencePath)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Indented))
        {
            json.WriteStartObject();
            json.WriteString("ref", referencePath);
            json.WriteString("truth", "sentence chrF (sacreBLEU defaults) against the reference");
            json.WriteStartObject("scores");
            foreach (var e in evaluations)
            {
                json.WriteStartObject(e.Name);
                json.WriteNumber("pairs", e.Pairs);
                Number(json, "spearman", e.Spearman);
                json.WriteStartObject("top_precision");
                foreach (var (k, p) in e.TopPrecision) Number(json, k.ToString(CultureInfo.InvariantCulture), p);
                json.WriteEndObject();
                Number(json, "threshold", e.Threshold);
                Number(json, "threshold_f1", e.ThresholdF1);
                Number(json, "threshold_kept_share", e.ThresholdKeptShare);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    static string F(double value) => double.IsNaN(value) ? "-" : value.ToString("0.000", CultureInfo.InvariantCulture);

    static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, value); else json.WriteNull(name);
    }
}
