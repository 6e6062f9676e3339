using System.Collections.Concurrent;
using System.Reflection;
using Regurgitate.Specs;

namespace Regurgitate.Settings;

/// <summary>
/// Reads, checks and serializes the settings an options record declares with <see cref="SettingAttribute"/>: from a
/// spec's YAML mapping (errors name the spec line and key), by range (errors name the command-line option), and as
/// one canonical line for artifact keys.
/// </summary>
public static class SettingsBinder
{
    static readonly ConcurrentDictionary<Type, IReadOnlyList<Setting>> Declared = new();

    /// <summary>The settings <typeparamref name="T"/> declares, in declaration order.</summary>
    public static IReadOnlyList<Setting> Of<T>() => Of(typeof(T));

    /// <summary>The settings <paramref name="type"/> declares, in declaration order.</summary>
    public static IReadOnlyList<Setting> Of(Type type) => Declared.GetOrAdd(type, t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<SettingAttribute>() != null)
            .OrderBy(p => p.MetadataToken)
            .Select(p => new Setting(p, p.GetCustomAttribute<SettingAttribute>()!))
            .ToList());

    /// <summary>The setting of <typeparamref name="T"/> behind property <paramref name="name"/> (use nameof).</summary>
    public static Setting Named<T>(string name) =>
        Of<T>().FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"{typeof(T).Name}.{name} is not a declared setting", nameof(name));

    /// <summary>
    /// <paramref name="defaults"/> with every setting that <paramref name="node"/> gives, each checked against its
    /// type and range; <paramref name="only"/> (property names) limits which settings this spec offers.
    /// The keys read are marked read, so <see cref="SpecNode.RejectUnknown"/> still catches typos.
    /// </summary>
    public static T Read<T>(SpecNode node, T defaults, IReadOnlyCollection<string>? only = null) where T : class
    {
        var result = Clone(defaults);
        foreach (var setting in Of<T>())
        {
            if (only != null && !only.Contains(setting.Name)) continue;
            string? text = node.String(setting.Key);
            if (text == null) continue;
            var at = node.NodeOf(setting.Key);
            object? value = setting.Parse(text, out string? problem);
            if (problem != null) throw node.Error($"'{node.Qualified(setting.Key)}' {problem}, not '{text}'", at);
            if (setting.RangeProblem(value) is string outside) throw node.Error($"'{node.Qualified(setting.Key)}' {outside}, not {text}", at);
            setting.Property.SetValue(result, value);
        }
        return result;
    }

    /// <summary>
    /// Throws an <see cref="InputException"/> naming the first setting outside its declared range, by its
    /// command-line option where it has one ("--batch-tokens must be at least 1, not 0"), else by its key.
    /// </summary>
    public static void Validate<T>(T options) where T : class
    {
        foreach (var setting in Of<T>())
        {
            object? value = setting.Get(options);
            if (setting.RangeProblem(value) is string problem)
                throw new InputException($"{setting.Declaration.Option ?? setting.Key} {problem}, not {setting.Format(value)}");
            if (setting.ValueType.IsEnum && value != null && !setting.Choices.Any(c => c.Value.Equals(value)))
                throw new InputException($"{setting.Declaration.Option ?? setting.Key} must be one of {string.Join(", ", setting.Choices.Select(c => c.Name))}, not {value}");
        }
    }

    /// <summary>
    /// The settings that define a result (<see cref="SettingAttribute.DefinesResult"/>) as one line: key=value pairs
    /// sorted by key, joined by ';', values in invariant spelling. Equal lines mean equal settings, whatever order
    /// the properties are declared in.
    /// </summary>
    public static string Canonical<T>(T options) where T : class =>
        string.Join(";", Of<T>().Where(s => s.Declaration.DefinesResult).OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => $"{s.Key}={s.Format(s.Get(options))}"));

    /// <summary>A copy of <paramref name="options"/> with <paramref name="setting"/> set to <paramref name="value"/>.</summary>
    public static T With<T>(T options, Setting setting, object? value) where T : class
    {
        var copy = Clone(options);
        setting.Property.SetValue(copy, value);
        return copy;
    }

    // Records copy themselves through their compiler-made clone method, which `with` uses too.
    static T Clone<T>(T options) where T : class =>
        (T)(typeof(T).GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance)
            ?? throw new NotSupportedException($"{typeof(T).Name} must be a record")).Invoke(options, null)!;
}
