namespace Regurgitate.Settings;

/// <summary>
/// Declares an <c>*Options</c> property as a setting, once: its spec key (also its name in canonical keys), its
/// command-line spelling, its help text and its valid range. The default is the property's initializer. Spec
/// readers, command-line options, validation and artifact keys all derive from this (<see cref="SettingsBinder"/>),
/// as fairseq derives argparse and YAML from one dataclass field.
/// </summary>
/// <param name="key">The name in YAML specs and canonical keys, snake_case ("batch_tokens").</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingAttribute(string key) : Attribute
{
    /// <summary>The name in YAML specs and canonical keys.</summary>
    public string Key { get; } = key;
    /// <summary>The command-line option ("--batch-tokens"), or null when no command offers it.</summary>
    public string? Option { get; init; }
    /// <summary>A boolean setting whose option is a flag that turns it off ("--no-valid-bleu").</summary>
    public bool OptionTurnsOff { get; init; }
    /// <summary>What it does, in the words of `--help` (lower case, no final period).</summary>
    public string Help { get; init; } = "";
    /// <summary>Smallest valid value (NaN: none).</summary>
    public double Min { get; init; } = double.NaN;
    /// <summary>Whether <see cref="Min"/> itself is invalid.</summary>
    public bool MinExclusive { get; init; }
    /// <summary>Largest valid value (NaN: none).</summary>
    public double Max { get; init; } = double.NaN;
    /// <summary>Whether <see cref="Max"/> itself is invalid.</summary>
    public bool MaxExclusive { get; init; }
    /// <summary>
    /// Whether the value can change what is produced, and so belongs in canonical keys (false for progress
    /// cadence, checkpoint frequency and other settings that only change how a result is reached).
    /// </summary>
    public bool DefinesResult { get; init; } = true;
}
