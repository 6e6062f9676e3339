using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Regurgitate.RunDirectories;

/// <summary>
/// Reads the fields of one run-directory record. A missing required field is an <see cref="InputException"/> naming the
/// file and line; a missing optional one reads as null and is remembered in <see cref="Absent"/>, so that a reader of
/// a run directory written by an older version can say which fields it lacked instead of failing.
/// </summary>
public sealed class RecordFields(JsonObject record, string? file = null, long? line = null)
{
    readonly HashSet<string> absent = [];

    /// <summary>The JSON object in <paramref name="file"/>; anything else is an <see cref="InputException"/> naming the file.</summary>
    public static JsonObject ReadObject(string file, string? hint = null)
    {
        try { return JsonNode.Parse(File.ReadAllText(file)) as JsonObject ?? throw new InputException("not a JSON object", file, hint: hint); }
        catch (JsonException e) { throw new InputException($"not valid JSON ({e.Message})", file, hint: hint); }
    }

    /// <summary>The optional fields the record did not have (present with a null value does not count).</summary>
    public IReadOnlyCollection<string> Absent => absent;

    /// <summary>A string field that must be there.</summary>
    public string RequiredString(string name) => String(name, required: true)!;

    /// <summary>A number field that must be there.</summary>
    public long RequiredInteger(string name) => Integer(name, required: true)!.Value;

    /// <summary>A string field, or null.</summary>
    public string? String(string name, bool required = false) => Value(name, required) switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw WrongType(name, "a string"),
    };

    /// <summary>A number field, or null.</summary>
    public double? Number(string name, bool required = false) => Value(name, required) switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture),
        _ => throw WrongType(name, "a number"),
    };

    /// <summary>An integer field, or null.</summary>
    public long? Integer(string name, bool required = false) => Value(name, required) switch
    {
        null => null,
        // Numbers are read from their JSON text, so that values parsed from a file and built in memory read alike.
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l) => l,
        _ => throw WrongType(name, "an integer"),
    };

    /// <summary>An array of strings, or empty.</summary>
    public IReadOnlyList<string> Strings(string name) => Value(name, required: false) switch
    {
        null => [],
        JsonArray a => a.Select(x => x is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw WrongType(name, "an array of strings")).ToList(),
        _ => throw WrongType(name, "an array of strings"),
    };

    JsonNode? Value(string name, bool required)
    {
        if (record.TryGetPropertyValue(name, out var value)) return value is null && required ? throw Missing(name) : value;
        if (required) throw Missing(name);
        absent.Add(name);
        return null;
    }

    InputException Missing(string name) => new($"the record has no \"{name}\"", file, line, "see docs/run-directory.md");

    InputException WrongType(string name, string expected) =>
        new(string.Create(CultureInfo.InvariantCulture, $"\"{name}\" should be {expected}"), file, line, "see docs/run-directory.md");
}
