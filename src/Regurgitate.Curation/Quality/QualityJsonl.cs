using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Regurgitate.Corpora.Formats;
using Regurgitate.Errors;
using Regurgitate.IO;

namespace Regurgitate.Quality;

/// <summary>
/// The JSONL form of <see cref="QualityScores"/>, one pair per line in corpus order:
/// {"id", "target", one member per computed score (null: not available), "combined", "flags": [error names]}.
/// </summary>
public static class QualityJsonl
{
    static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Where the scores of corpus <paramref name="corpusPath"/> go by default: "out.jsonl" → "out.quality.jsonl".</summary>
    public static string PathFor(string corpusPath)
    {
        foreach (var extension in new[] { ".jsonl", ".gz", ".txt" })
            if (corpusPath.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
                return PathFor(corpusPath[..^extension.Length]);
        return corpusPath + ".quality.jsonl";
    }

    /// <summary>Writes <paramref name="quality"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, QualityScores quality) =>
        AtomicFile.WriteAllLines(path, Enumerable.Range(0, quality.Count).Select(i => Format(quality, i)));

    /// <summary>Line <paramref name="index"/> of <paramref name="quality"/>, without the newline.</summary>
    public static string Format(QualityScores quality, int index)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("id", quality.Ids[index].ToString(CultureInfo.InvariantCulture));
            json.WriteString("target", quality.Targets[index]);
            foreach (var name in quality.Names) WriteValue(json, name, quality.Values[name][index]);
            WriteValue(json, QualityScoreNames.Combined, quality.Combined[index]);
            json.WriteStartArray("flags");
            foreach (var flag in ErrorFlagNames.NamesOf(quality.Flags[index])) json.WriteStringValue(flag);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    static void WriteValue(Utf8JsonWriter json, string name, double? value)
    {
        if (value is double v && double.IsFinite(v)) json.WriteNumber(name, Math.Round(v, 6));
        else json.WriteNull(name);
    }

    /// <summary>Reads a file written by <see cref="Write"/>; a malformed line is an <see cref="InputException"/> naming it.</summary>
    public static QualityScores Read(string path)
    {
        TextLines.CheckReadable(path, "quality scores");
        var ids = new List<long>();
        var targets = new List<string>();
        var flags = new List<ErrorFlags>();
        var combined = new List<double>();
        List<string>? names = null;
        var values = new Dictionary<string, List<double?>>();
        foreach (var line in TextLines.Read(path))
        {
            if (line.Text.Length == 0) continue;
            try
            {
                using var document = JsonDocument.Parse(line.Text);
                var root = document.RootElement;
                var id = root.GetProperty("id");
                ids.Add(id.ValueKind == JsonValueKind.Number ? id.GetInt64() : long.Parse(id.GetString()!, CultureInfo.InvariantCulture));
                targets.Add(root.GetProperty("target").GetString() ?? throw new FormatException("target is null"));
                var lineNames = QualityScoreNames.All.Where(n => root.TryGetProperty(n, out _)).ToList();
                if (names == null)
                {
                    names = lineNames;
                    foreach (var name in names) values[name] = [];
                }
                else if (!names.SequenceEqual(lineNames))
                    throw new FormatException($"scores {string.Join(",", lineNames)} differ from the first line's {string.Join(",", names)}");
                foreach (var name in names) values[name].Add(Number(root.GetProperty(name)));
                combined.Add(Number(root.GetProperty(QualityScoreNames.Combined)) ?? double.NaN);
                var lineFlags = ErrorFlags.None;
                if (root.TryGetProperty("flags", out var flagArray))
                    foreach (var flag in flagArray.EnumerateArray())
                        lineFlags |= ErrorFlagNames.All.FirstOrDefault(f => ErrorFlagNames.NameOf(f) == flag.GetString(), ErrorFlags.None);
                flags.Add(lineFlags);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException or ArgumentNullException)
            {
                throw new InputException($"not a quality-scores line: {e.Message}", path, line.Number, inner: e);
            }
        }
        if (names == null) throw new InputException("no quality scores: the file is empty", path);
        return new QualityScores(ids, targets, names, values.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double?>)kv.Value), flags, combined);
    }

    static double? Number(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.Null => null,
        _ => throw new FormatException($"a score must be a number or null, not {element.ValueKind}"),
    };
}
