using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Regurgitate.Corpora;

namespace Regurgitate.Generators;

/// <summary>
/// The JSONL form of a synthetic corpus, one <see cref="SyntheticSegment"/> per line:
/// {"id", "source", "target", "failure", "provenance": {"origin","generator","settings"},
/// "log_probability", "latency_ms", "input_tokens", "output_tokens", "cached", "attempts"}.
/// A failed segment has "target": null and a "failure" reason.
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
            json.WriteNumber("id", segment.Id);
            json.WriteString("source", segment.Source);
            json.WriteString("target", r.Text);
            json.WriteString("failure", r.Failure);
            json.WriteStartObject("provenance");
            json.WriteString("origin", segment.Provenance.Origin);
            json.WriteString("generator", segment.Provenance.Generator);
            json.WriteString("settings", segment.Provenance.Settings);
            json.WriteEndObject();
            if (r.LogProbability is double lp) json.WriteNumber("log_probability", lp); else json.WriteNull("log_probability");
            json.WriteNumber("latency_ms", Math.Round(r.LatencyMs, 3));
            if (r.Usage is TokenUsage u) { json.WriteNumber("input_tokens", u.InputTokens); json.WriteNumber("output_tokens", u.OutputTokens); }
            else { json.WriteNull("input_tokens"); json.WriteNull("output_tokens"); }
            json.WriteBoolean("cached", r.Cached);
            json.WriteNumber("attempts", r.Attempts);
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
            var result = new GeneratedSegment(
                OptionalString(root, "target"),
                OptionalString(root, "failure"),
                root.TryGetProperty("log_probability", out var lp) && lp.ValueKind == JsonValueKind.Number ? lp.GetDouble() : null,
                root.TryGetProperty("latency_ms", out var latency) && latency.ValueKind == JsonValueKind.Number ? latency.GetDouble() : 0,
                root.TryGetProperty("input_tokens", out var input) && input.ValueKind == JsonValueKind.Number
                    && root.TryGetProperty("output_tokens", out var output) && output.ValueKind == JsonValueKind.Number
                    ? new TokenUsage(input.GetInt64(), output.GetInt64()) : null,
                root.TryGetProperty("cached", out var cached) && cached.ValueKind == JsonValueKind.True,
                root.TryGetProperty("attempts", out var attempts) && attempts.ValueKind == JsonValueKind.Number ? attempts.GetInt32() : 1);
            return new SyntheticSegment(
                root.GetProperty("id").GetInt64(),
                root.GetProperty("source").GetString() ?? throw new FormatException("source is null"),
                result,
                new Provenance(provenance.GetProperty("origin").GetString() ?? Provenance.MachineOrigin,
                    OptionalString(provenance, "generator"), OptionalString(provenance, "settings")));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InputException($"not a synthetic-corpus line: {e.Message}", file, lineNumber, inner: e);
        }
    }

    /// <summary>Reads a whole synthetic corpus file.</summary>
    public static IReadOnlyList<SyntheticSegment> Read(string path)
    {
        if (!File.Exists(path)) throw new InputException("synthetic corpus not found", path);
        var segments = new List<SyntheticSegment>();
        long number = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (line.Length > 0) segments.Add(Parse(line, path, number));
        }
        return segments;
    }

    static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
