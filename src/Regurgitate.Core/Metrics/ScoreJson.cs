using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Regurgitate.Metrics;

/// <summary>Scores as JSON in the shape of <c>sacrebleu -f json</c>, for `regurg score` and any report that lists scores.</summary>
public static class ScoreJson
{
    /// <summary>Writes a JSON array whose items <paramref name="writeItems"/> writes, indented as sacreBLEU indents.</summary>
    public static void WriteArray(TextWriter output, Action<Utf8JsonWriter> writeItems)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true, IndentSize = 1, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            writer.WriteStartArray();
            writeItems(writer);
            writer.WriteEndArray();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    static void WriteNumber(Utf8JsonWriter writer, string name, double value, int width)
    {
        // sacreBLEU prints float(f"{score:.{width}f}"): a rounded number that always has a decimal point.
        string text = PythonFormat.Fixed(value, width);
        if (!text.Contains('.')) text += ".0";
        writer.WritePropertyName(name);
        writer.WriteRawValue(text);
    }

    /// <summary>
    /// One score as sacreBLEU's JSON object: name, score rounded to <paramref name="width"/> decimals, signature and
    /// its entries, BLEU's counts, an optional confidence interval and p-value, then the system, line and our version.
    /// </summary>
    public static void WriteScore(Utf8JsonWriter writer, MetricScore score, int width, string system, ConfidenceInterval? confidence,
        double? pValue, int? line, bool baseline = false)
    {
        writer.WriteStartObject();
        writer.WriteString("name", score.Name);
        WriteNumber(writer, "score", score.Score, width);
        writer.WriteString("signature", score.Signature.ToString());
        if (confidence is { } ci)
        {
            WriteNumber(writer, "confidence_mean", ci.Mean, width);
            WriteNumber(writer, "confidence_var", ci.HalfWidth, width);
            writer.WriteString("confidence", $"μ = {PythonFormat.Fixed(ci.Mean, width)} ± {PythonFormat.Fixed(ci.HalfWidth, width)}");
        }
        if (score.Verbose.Length > 0) writer.WriteString("verbose_score", score.Verbose);
        foreach (var (key, value) in score.Signature.Entries()) writer.WriteString(key, value);
        if (score is BleuScore bleu)
        {
            writer.WriteStartArray("counts");
            foreach (var c in bleu.Counts) writer.WriteNumberValue(c);
            writer.WriteEndArray();
            writer.WriteStartArray("totals");
            foreach (var t in bleu.Totals) writer.WriteNumberValue(t);
            writer.WriteEndArray();
            writer.WriteStartArray("precisions");
            foreach (var p in bleu.Precisions) writer.WriteNumberValue(p);
            writer.WriteEndArray();
            writer.WriteNumber("bp", bleu.BrevityPenalty);
            writer.WriteNumber("ratio", bleu.Ratio);
            writer.WriteNumber("hyp_len", bleu.HypothesisLength);
            writer.WriteNumber("ref_len", bleu.ReferenceLength);
        }
        if (pValue is double p2) writer.WriteNumber("p_value", p2);
        if (baseline) writer.WriteBoolean("baseline", true);
        writer.WriteString("system", system);
        if (line is int l) writer.WriteNumber("line", l);
        writer.WriteString("regurgitate_version", ScoreReport.RegurgitateVersion);
        writer.WriteEndObject();
    }
}
