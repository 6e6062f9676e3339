namespace Regurgitate.Settings;

/// <summary>How specs, options and keys spell an enum value of a setting, where its lower-case name would not do ("lm").</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class SettingNameAttribute(string name) : Attribute
{
    /// <summary>The spelling.</summary>
    public string Name { get; } = name;
}
