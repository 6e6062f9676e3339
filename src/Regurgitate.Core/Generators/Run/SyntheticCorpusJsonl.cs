using Regurgitate.Corpora.Formats;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Regurgitate.Corpora;

namespace Regurgitate.Generators;

/// <summary>
/// The JSONL form of a synthetic corpus, one <see cref="SyntheticSegment"/> per line, in the corpus
/// layer's JSONL schema (so `--jsonl`/`--train-jsonl` read it directly):
/// {"id", "source", "target", "provenance": {"origin","generator","settings"}, "meta": {"failure",
/// "log_probability", "latency_ms", "input_tokens", "output_tokens", "cached", "attempts"}}.
/// A failed segment has "target": null and a meta "failure" reason; `regurg generate` keeps those in
/// a separate OUT.failures.jsonl so the corpus itself holds only real pairs.
/// </summary>
public static class SyntheticCorpusJsonl
{
    static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One line, without the newline.</summary>
    public static string Format(SyntheticSegment segment)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            var r = segment.Result;
            json.WriteStartObject();
            json.WriteString("id", segment.Id.ToString(CultureInfo.InvariantCulture));
            json.WriteString("source", segment.Source);
            json.WriteString("target", r.Text);
            json.WriteStartObject("provenance");
            json.WriteString("origin", segment.Provenance.Origin);
            if (segment.Provenance.Generator != null) json.WriteString("generator", segment.Provenance.Generator);
            if (segment.Provenance.Settings != null) json.WriteString("settings", segment.Provenance.Settings);
            json.WriteEndObject();
            json.WriteStartObject("meta");
            if (r.Failure != null) json.WriteString("failure", r.Failure);
            if (r.LogProbability is double lp) json.WriteNumber("log_probability", lp); else json.WriteNull("log_probability");
            json.WriteNumber("latency_ms", Math.Round(r.LatencyMs, 3));
            if (r.Usage is TokenUsage u) { json.WriteNumber("input_tokens", u.InputTokens); json.WriteNumber("output_tokens", u.OutputTokens); }
            else { json.WriteNull("input_tokens"); json.WriteNull("output_tokens"); }
            json.WriteBoolean("cached", r.Cached);
            json.WriteNumber("attempts", r.Attempts);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Parses one line; <paramref name="file"/> and <paramref name="lineNumber"/> name it in errors.</summary>
    public static SyntheticSegment Parse(string line, string? file = null, long? lineNumber = null)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var provenance = root.GetProperty("provenance");
            var meta = root.TryGetProperty("meta", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
            bool hasMeta = meta.ValueKind == JsonValueKind.Object;
            double? Number(string name) => hasMeta && meta.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
            var result = new GeneratedSegment(
                OptionalString(root, "target"),
                hasMeta ? OptionalString(meta, "failure") : null,
                Number("log_probability"),
                Number("latency_ms") ?? 0,
                Number("input_tokens") is double input && Number("output_tokens") is double output ? new TokenUsage((long)input, (long)output) : null,
                hasMeta && meta.TryGetProperty("cached", out var cached) && cached.ValueKind == JsonValueKind.True,
                (int)(Number("attempts") ?? 1));
            var idElement = root.GetProperty("id");
            long id = idElement.ValueKind == JsonValueKind.Number ? idElement.GetInt64() : long.Parse(idElement.GetString()!, CultureInfo.InvariantCulture);
            return new SyntheticSegment(
                id,
                root.GetProperty("source").GetString() ?? throw new FormatException("source is null"),
                result,
                new Provenance(provenance.GetProperty("origin").GetString() ?? Provenance.MachineOrigin,
                    OptionalString(provenance, "generator"), OptionalString(provenance, "settings")));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException or ArgumentNullException)
        {
            throw new InputException($"not a synthetic-corpus line: {e.Message}", file, lineNumber, inner: e);
        }
    }

    /// <summary>Reads a whole synthetic corpus file (or its failures file).</summary>
    public static IReadOnlyList<SyntheticSegment> Read(string path)
    {
        TextLines.CheckReadable(path, "synthetic corpus");
        var segments = new List<SyntheticSegment>();
        long number = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (line.Length > 0) segments.Add(Parse(line, path, number));
        }
        return segments;
    }

    /// <summary>Where the failed segments of corpus <paramref name="outputPath"/> go: "out.jsonl" → "out.failures.jsonl".</summary>
    public static string FailuresPathFor(string outputPath) =>
        outputPath.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
            ? outputPath[..^".jsonl".Length] + ".failures.jsonl"
            : outputPath + ".failures.jsonl";

    static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
