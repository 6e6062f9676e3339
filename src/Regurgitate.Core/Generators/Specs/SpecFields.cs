using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Regurgitate.Generators;

/// <summary>Typed, line-aware reads of a YAML mapping's scalar fields; whatever is left unread is reported as an unknown key.</summary>
internal sealed class SpecFields
{
    readonly YamlMappingNode node;
    readonly string? file;
    readonly HashSet<string> read = new(StringComparer.Ordinal);

    public SpecFields(YamlMappingNode node, string? file)
    {
        this.node = node;
        this.file = file;
        foreach (var key in node.Children.Keys)
            if (key is not YamlScalarNode { Value: not null })
                throw Error("keys must be plain names", key);
    }

    public string? File => file;
    public long Line => node.Start.Line;

    public InputException Error(string problem, YamlNode? at = null, string? hint = null) =>
        new(problem, file ?? "<inline spec>", (at ?? node).Start.Line, hint);

    YamlNode? Find(string key)
    {
        read.Add(key);
        return node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }

    public YamlNode? NodeOf(string key) => node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public string? String(string key, bool required = false)
    {
        var value = Find(key);
        if (value == null || value is YamlScalarNode { Value: null or "" or "~" or "null", Style: YamlDotNet.Core.ScalarStyle.Plain })
        {
            if (required) throw Error($"missing required key '{key}'");
            return null;
        }
        if (value is not YamlScalarNode scalar) throw Error($"'{key}' must be a single value, not a list or mapping", value);
        return scalar.Value;
    }

    public int? Int(string key, int min = int.MinValue)
    {
        string? text = String(key);
        if (text == null) return null;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            throw Error($"'{key}' must be a whole number, not '{text}'", NodeOf(key));
        if (value < min) throw Error($"'{key}' must be at least {min}, not {value}", NodeOf(key));
        return value;
    }

    public long? Long(string key)
    {
        string? text = String(key);
        if (text == null) return null;
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value))
            throw Error($"'{key}' must be a whole number, not '{text}'", NodeOf(key));
        return value;
    }

    public double? Double(string key, double min = double.NegativeInfinity)
    {
        string? text = String(key);
        if (text == null) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw Error($"'{key}' must be a number, not '{text}'", NodeOf(key));
        if (value < min) throw Error($"'{key}' must be at least {min.ToString(CultureInfo.InvariantCulture)}, not {text}", NodeOf(key));
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
            _ => throw Error($"'{key}' must be true or false, not '{text}'", NodeOf(key)),
        };
    }

    /// <summary>Fails on the first key nobody asked for: a typo must not silently fall back to a default.</summary>
    public void RejectUnknown(string type)
    {
        foreach (var (key, _) in node.Children)
        {
            string name = ((YamlScalarNode)key).Value!;
            if (!read.Contains(name))
                throw Error($"unknown key '{name}' for a generator of type {type}", key, $"known keys: {string.Join(", ", read.Order(StringComparer.Ordinal))}");
        }
    }
}
