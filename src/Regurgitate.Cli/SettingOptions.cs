using System.CommandLine;
using System.Reflection;
using Regurgitate.Settings;

namespace Regurgitate.Cli;

/// <summary>
/// The command-line options of an options record's declared settings (<see cref="SettingAttribute"/>): each
/// option's name, help text and shown default come from the declaration, and <see cref="Bind"/> turns the parsed
/// command line back into the record, checked against the declared ranges.
/// </summary>
/// <typeparam name="T">The options record (<c>TrainingOptions</c>, <c>DecodingOptions</c>).</typeparam>
internal sealed class SettingOptions<T> where T : class
{
    readonly T defaults;
    readonly List<(Setting Setting, Option Option)> options = [];

    /// <param name="defaults">The values an omitted option keeps (and help shows): the record's own defaults, or a command's few overrides of them.</param>
    public SettingOptions(T defaults)
    {
        this.defaults = defaults;
        foreach (var setting in SettingsBinder.Of<T>())
            if (setting.Declaration.Option is string name)
                options.Add((setting, Create(setting, name, setting.Get(defaults))));
    }

    /// <summary>The options, in declaration order.</summary>
    public IEnumerable<Option> All => options.Select(o => o.Option);

    /// <summary>The option of property <paramref name="name"/> (use nameof).</summary>
    public Option this[string name] => options.First(o => o.Setting.Name == name).Option;

    /// <summary>The defaults with every option the command line gives.</summary>
    public T Bind(ParseResult parse)
    {
        var result = defaults;
        foreach (var (setting, option) in options)
        {
            if (parse.GetResult(option) is not { Implicit: false }) continue;
            object? value = option switch
            {
                Option<bool> flag when setting.Declaration.OptionTurnsOff => !parse.GetValue(flag),
                Option<string> named when setting.ValueType.IsEnum => setting.Choices.First(c => c.Name == parse.GetValue(named)).Value,
                _ => GetValueMethod.MakeGenericMethod(OptionValueType(setting)).Invoke(null, [parse, option]),
            };
            result = SettingsBinder.With(result, setting, value);
        }
        return result;
    }

    static Option Create(Setting setting, string name, object? defaultValue)
    {
        string help = setting.Declaration.Help;
        if (setting.Declaration.OptionTurnsOff) return new Option<bool>(name) { Description = help };
        if (setting.ValueType.IsEnum)
            return new Option<string>(name) { Description = help, DefaultValueFactory = _ => setting.Format(defaultValue) }
                .AcceptOnlyFromAmong([.. setting.Choices.Select(c => c.Name)]);
        return (Option)CreateMethod.MakeGenericMethod(OptionValueType(setting)).Invoke(null, [name, help, defaultValue])!;
    }

    // Unset-able settings (MaxUpdates) take a nullable option with no default; the others show their default.
    static Type OptionValueType(Setting setting) =>
        setting.IsNullable && setting.ValueType.IsValueType ? typeof(Nullable<>).MakeGenericType(setting.ValueType) : setting.ValueType;

    static readonly MethodInfo CreateMethod = typeof(SettingOptions<T>).GetMethod(nameof(CreateTyped), BindingFlags.NonPublic | BindingFlags.Static)!;
    static readonly MethodInfo GetValueMethod = typeof(SettingOptions<T>).GetMethod(nameof(GetTyped), BindingFlags.NonPublic | BindingFlags.Static)!;

    static Option<TValue> CreateTyped<TValue>(string name, string help, object? defaultValue) =>
        defaultValue == null ? new Option<TValue>(name) { Description = help }
            : new Option<TValue>(name) { Description = help, DefaultValueFactory = _ => (TValue)defaultValue };

    static object? GetTyped<TValue>(ParseResult parse, Option option) => parse.GetValue((Option<TValue>)option);
}
