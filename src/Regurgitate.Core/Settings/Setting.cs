using System.Globalization;
using System.Reflection;

namespace Regurgitate.Settings;

/// <summary>One declared setting of an options record: its property and its <see cref="SettingAttribute"/>, with typed parsing, formatting and range checks.</summary>
public sealed class Setting
{
    internal Setting(PropertyInfo property, SettingAttribute declaration)
    {
        Property = property;
        Declaration = declaration;
        var underlying = Nullable.GetUnderlyingType(property.PropertyType);
        IsNullable = underlying != null || !property.PropertyType.IsValueType;
        ValueType = underlying ?? property.PropertyType;
        if (ValueType != typeof(int) && ValueType != typeof(long) && ValueType != typeof(double) && ValueType != typeof(bool)
            && ValueType != typeof(string) && !ValueType.IsEnum)
            throw new NotSupportedException($"setting {property.DeclaringType?.Name}.{property.Name} has unsupported type {ValueType.Name}");
        Choices = ValueType.IsEnum
            ? ValueType.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(f => (f.GetCustomAttribute<SettingNameAttribute>()?.Name ?? f.Name.ToLowerInvariant(), f.GetValue(null)!)).ToList()
            : [];
    }

    /// <summary>The options record's property.</summary>
    public PropertyInfo Property { get; }
    /// <summary>The declaration.</summary>
    public SettingAttribute Declaration { get; }
    /// <summary>The property's name ("BatchTokens").</summary>
    public string Name => Property.Name;
    /// <summary>The spec key ("batch_tokens").</summary>
    public string Key => Declaration.Key;
    /// <summary>The value's type without nullability.</summary>
    public Type ValueType { get; }
    /// <summary>Whether "unset" (null) is a value.</summary>
    public bool IsNullable { get; }
    /// <summary>For an enum setting: each value's spelling and value, in declaration order.</summary>
    public IReadOnlyList<(string Name, object Value)> Choices { get; }

    /// <summary>The setting's value in <paramref name="options"/>.</summary>
    public object? Get(object options) => Property.GetValue(options);

    /// <summary>The value as specs and keys spell it: invariant culture, round-trip doubles, enum names, "" for null.</summary>
    public string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Enum e => Choices.First(c => c.Value.Equals(e)).Name,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Parses <paramref name="text"/>; null with the reason ("must be a whole number") when it is not a value of this setting.</summary>
    public object? Parse(string text, out string? problem)
    {
        problem = null;
        if (ValueType == typeof(string)) return text;
        if (ValueType == typeof(int) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i)) return i;
        if (ValueType == typeof(long) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l)) return l;
        if (ValueType == typeof(double) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d)) return d;
        if (ValueType == typeof(bool))
        {
            switch (text.ToLowerInvariant())
            {
                case "true" or "yes" or "on": return true;
                case "false" or "no" or "off": return false;
            }
        }
        if (ValueType.IsEnum && Choices.FirstOrDefault(c => c.Name == text) is { Name: not null } choice) return choice.Value;
        problem = ValueType == typeof(int) || ValueType == typeof(long) ? "must be a whole number"
            : ValueType == typeof(double) ? "must be a number"
            : ValueType == typeof(bool) ? "must be true or false"
            : "must be " + Alternatives(Choices.Select(c => c.Name));
        return null;
    }

    /// <summary>Why <paramref name="value"/> lies outside the declared range ("must be at least 1"), or null when it is inside (or unset).</summary>
    public string? RangeProblem(object? value)
    {
        if (value is not (int or long or double)) return null;
        double v = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        var d = Declaration;
        bool belowMin = !double.IsNaN(d.Min) && (d.MinExclusive ? v <= d.Min : v < d.Min);
        bool aboveMax = !double.IsNaN(d.Max) && (d.MaxExclusive ? v >= d.Max : v > d.Max);
        if (!belowMin && !aboveMax && double.IsFinite(v)) return null;
        return Range is string range ? (range.StartsWith('[') || range.StartsWith('(') ? "must lie in " : "must be ") + range : "must be a finite number";
    }

    /// <summary>The declared range in words ("at least 1", "above 0", "[0, 1)"), or null when any value goes.</summary>
    public string? Range
    {
        get
        {
            var d = Declaration;
            string F(double x) => x.ToString(CultureInfo.InvariantCulture);
            if (!double.IsNaN(d.Min) && !double.IsNaN(d.Max))
                return $"{(d.MinExclusive ? "(" : "[")}{F(d.Min)}, {F(d.Max)}{(d.MaxExclusive ? ")" : "]")}";
            if (!double.IsNaN(d.Min)) return d.MinExclusive ? $"above {F(d.Min)}" : $"at least {F(d.Min)}";
            if (!double.IsNaN(d.Max)) return d.MaxExclusive ? $"below {F(d.Max)}" : $"at most {F(d.Max)}";
            return null;
        }
    }

    static string Alternatives(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count <= 1 ? string.Join("", list) : string.Join(", ", list.SkipLast(1)) + " or " + list[^1];
    }
}
