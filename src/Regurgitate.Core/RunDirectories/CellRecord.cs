using System.Text.Json;
using System.Text.Json.Nodes;
using Regurgitate.IO;

namespace Regurgitate.RunDirectories;

/// <summary>
/// cells/&lt;id&gt;/result.json: a cell's <see cref="CellResult"/> with the key of the inputs it was computed from (an
/// edited spec makes it stale) and the seconds scoring took.
/// </summary>
public sealed record CellRecord(string Key, double ScoreSeconds, CellResult Row)
{
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the record atomically.</summary>
    public void Write(string file) => AtomicFile.WriteAllText(file, new JsonObject
    {
        ["key"] = Key,
        ["score_seconds"] = ScoreSeconds,
        ["row"] = Row.ToJson(),
    }.ToJsonString(Indented));

    /// <summary>The record in <paramref name="file"/>, or null when there is none.</summary>
    public static CellRecord? Read(string file)
    {
        if (!File.Exists(file)) return null;
        var record = RecordFields.ReadObject(file, hint: "delete the file to rerun the cell");
        var fields = new RecordFields(record, file);
        var row = record["row"] as JsonObject ?? throw new InputException("the record has no \"row\"", file, hint: "delete the file to rerun the cell");
        return new CellRecord(fields.RequiredString("key"), fields.Number("score_seconds") ?? 0, CellResult.FromJson(new RecordFields(row, file)));
    }

    /// <summary>The record in <paramref name="file"/> when it belongs to the inputs of <paramref name="key"/>, else null.</summary>
    public static CellRecord? ReadCurrent(string file, string key) => Read(file) is { } record && record.Key == key ? record : null;
}
