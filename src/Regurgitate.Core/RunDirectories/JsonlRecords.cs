using System.Text.Json;
using System.Text.Json.Nodes;
using Regurgitate.IO;

namespace Regurgitate.RunDirectories;

/// <summary>Reads and writes the run directory's JSON Lines files (results, data, generators), one record per line.</summary>
public static class JsonlRecords
{
    static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    /// <summary>Writes <paramref name="rows"/> atomically, one compact JSON object per line.</summary>
    public static void Write(string file, IEnumerable<JsonObject> rows) => AtomicFile.WriteAllLines(file, rows.Select(r => r.ToJsonString(Compact)));

    /// <summary>
    /// The records of <paramref name="file"/> (empty lines skipped), each read by <paramref name="read"/>; a line that is not
    /// a JSON object or lacks a required field is an <see cref="InputException"/> naming the file and line. The optional
    /// fields no row had are added to <paramref name="absent"/>, when given.
    /// </summary>
    public static List<T> Read<T>(string file, Func<RecordFields, T> read, ISet<string>? absent = null)
    {
        var rows = new List<T>();
        int line = 0;
        foreach (string text in File.ReadLines(file))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonObject record;
            try { record = JsonNode.Parse(text) as JsonObject ?? throw new InputException("not a JSON object", file, line, "see docs/run-directory.md"); }
            catch (JsonException e) { throw new InputException($"not valid JSON ({e.Message})", file, line); }
            var fields = new RecordFields(record, file, line);
            rows.Add(read(fields));
            if (absent != null) foreach (var name in fields.Absent) absent.Add(name);
        }
        return rows;
    }
}
