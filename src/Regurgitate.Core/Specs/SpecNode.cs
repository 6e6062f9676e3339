using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Regurgitate.Specs;

/// <summary>
/// Typed, line-aware reads of one YAML mapping of a spec (a study spec, a generator spec). Every error names
/// the spec file, the line and the key; whatever key is left unread is an error (a typo must not silently
/// become a default).
/// </summary>
public sealed class SpecNode
{
    readonly HashSet<string> read = new(StringComparer.Ordinal);

    /// <param name="node">The mapping.</param>
    /// <param name="file">The spec file, for messages (null: a spec given inline, not from a file).</param>
    /// <param name="path">Where the mapping sits in the spec ("student", "generators.weak"; "" at the top).</param>
    public SpecNode(YamlMappingNode node, string? file, string path = "")
    {
        Node = node;
        File = file ?? "<inline spec>";
        Path = path;
        foreach (var key in node.Children.Keys)
            if (key is not YamlScalarNode { Value: not null })
                throw Error("keys must be plain names", key);
    }

    /// <summary>The mapping.</summary>
    public YamlMappingNode Node { get; }
    /// <summary>The spec file, for messages ("&lt;inline spec&gt;" when the spec came from no file).</summary>
    public string File { get; }
    /// <summary>The mapping's line.</summary>
    public long Line => Node.Start.Line;
    /// <summary>Where this mapping sits in the spec ("student", "generators.weak"), for messages.</summary>
    public string Path { get; }

    /// <summary>The key with its place in the spec ("student.epochs"), as messages name it.</summary>
    public string Qualified(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public InputException Error(string problem, YamlNode? at = null, string? hint = null) =>
        new(problem, File, (at ?? Node).Start.Line, hint);

    public static InputException ErrorAt(string file, YamlNode at, string problem, string? hint = null) =>
        new(problem, file, at.Start.Line, hint);

    /// <summary>The value of <paramref name="key"/>, or null when absent or written as null.</summary>
    public YamlNode? Find(string key)
    {
        read.Add(key);
        if (!Node.Children.TryGetValue(new YamlScalarNode(key), out var value)) return null;
        return IsNull(value) ? null : value;
    }

    /// <summary>Whether the mapping has <paramref name="key"/> (without marking it read).</summary>
    public bool Has(string key) => Node.Children.ContainsKey(new YamlScalarNode(key));

    public YamlNode? NodeOf(string key) => Node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static bool IsNull(YamlNode value) =>
        value is YamlScalarNode { Value: null or "" or "~" or "null", Style: YamlDotNet.Core.ScalarStyle.Plain };

    public YamlNode Required(string key) =>
        Find(key) ?? throw Error($"missing required key '{Qualified(key)}'");

    public string? String(string key, bool required = false)
    {
        var value = required ? Required(key) : Find(key);
        if (value == null) return null;
        if (value is not YamlScalarNode scalar) throw Error($"'{Qualified(key)}' must be a single value, not a list or mapping", value);
        return scalar.Value;
    }

    public int? Int(string key, int min = int.MinValue, bool required = false) => ParseInt(String(key, required), key, min);

    public long? Long(string key)
    {
        string? text = String(key);
        if (text == null) return null;
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value))
            throw Error($"'{Qualified(key)}' must be a whole number, not '{text}'", NodeOf(key));
        return value;
    }

    int? ParseInt(string? text, string key, int min)
    {
        if (text == null) return null;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            throw Error($"'{Qualified(key)}' must be a whole number, not '{text}'", NodeOf(key));
        if (value < min) throw Error($"'{Qualified(key)}' must be at least {min}, not {value}", NodeOf(key));
        return value;
    }

    public double? Double(string key, double min = double.NegativeInfinity, bool exclusiveMin = false)
    {
        string? text = String(key);
        if (text == null) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw Error($"'{Qualified(key)}' must be a number, not '{text}'", NodeOf(key));
        if (exclusiveMin ? value <= min : value < min)
            throw Error($"'{Qualified(key)}' must be {(exclusiveMin ? "above" : "at least")} {min.ToString(CultureInfo.InvariantCulture)}, not {text}", NodeOf(key));
        return value;
    }

    public bool? Bool(string key)
    {
        string? text = String(key);
        if (text == null) return null;
        return text.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Error($"'{Qualified(key)}' must be true or false, not '{text}'", NodeOf(key)),
        };
    }

    /// <summary>A nested mapping, or null when absent.</summary>
    public SpecNode? Mapping(string key, bool required = false)
    {
        var value = required ? Required(key) : Find(key);
        if (value == null) return null;
        if (value is not YamlMappingNode mapping) throw Error($"'{Qualified(key)}' must be a mapping (key: value lines)", value);
        return new SpecNode(mapping, File, Qualified(key));
    }

    /// <summary>Fails on the first key nobody asked for; <paramref name="owner"/> says whose keys they are ("a generator of type nmt").</summary>
    public void RejectUnknown(string? owner = null)
    {
        foreach (var (key, _) in Node.Children)
        {
            string name = ((YamlScalarNode)key).Value!;
            if (!read.Contains(name))
                throw Error(owner == null ? $"unknown key '{Qualified(name)}'" : $"unknown key '{Qualified(name)}' for {owner}", key,
                    $"known keys{(Path.Length == 0 ? "" : " in " + Path)}: {string.Join(", ", read.Order(StringComparer.Ordinal))}");
        }
    }
}
