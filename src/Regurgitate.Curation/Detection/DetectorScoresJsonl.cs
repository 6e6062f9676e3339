using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Regurgitate.IO;

namespace Regurgitate.Detection;

/// <summary>
/// The per-pair output of `regurg detector rank` and `audit`: one JSON object per line in corpus order,
/// {"id", "p_human"} and, for an audit, "flag" (true = flagged as machine-made). Written atomically.
/// </summary>
public static class DetectorScoresJsonl
{
    static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes one line per segment; <paramref name="threshold"/> adds the flag (P(human) below it).</summary>
    public static void Write(string path, IReadOnlyList<DetectorSegment> segments, IReadOnlyList<double> probabilityHuman, double? threshold = null) =>
        AtomicFile.WriteAllLines(path, segments.Select((segment, i) => Format(segment.Id, probabilityHuman[i], threshold is double t ? probabilityHuman[i] < t : null)));

    /// <summary>One line, without the newline.</summary>
    public static string Format(string id, double probabilityHuman, bool? flag)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteNumber("p_human", Math.Round(probabilityHuman, 6));
            if (flag is bool f) json.WriteBoolean("flag", f);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
