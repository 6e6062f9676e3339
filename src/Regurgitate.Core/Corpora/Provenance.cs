namespace Regurgitate.Corpora;

/// <summary>Who made a target sentence: a person, or a named generator with its settings.</summary>
/// <param name="Origin">"human" or "machine".</param>
/// <param name="Generator">The generator's name for machine text (e.g. "uedin-nmt.4722", "nmt:weak-beam5").</param>
/// <param name="Settings">Canonical "key=value;key=value" settings string, sorted by key, or null.</param>
public sealed record Provenance(string Origin, string? Generator = null, string? Settings = null)
{
    public const string HumanOrigin = "human";
    public const string MachineOrigin = "machine";

    /// <summary>Text written by people.</summary>
    public static Provenance Human { get; } = new(HumanOrigin);

    /// <summary>Text made by <paramref name="generator"/> with the given settings.</summary>
    public static Provenance Machine(string generator, IEnumerable<KeyValuePair<string, string>>? settings = null) =>
        new(MachineOrigin, generator, settings == null ? null : CanonicalSettings(settings));

    public bool IsHuman => Origin == HumanOrigin;

    /// <summary>A short label for tables: "human" or the generator's name.</summary>
    public string Label => IsHuman ? HumanOrigin : Generator ?? MachineOrigin;

    /// <summary>Sorted, unambiguous "key=value;..." form, so equal settings give equal strings and hashes.</summary>
    public static string CanonicalSettings(IEnumerable<KeyValuePair<string, string>> settings) =>
        string.Join(";", settings.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));

    public override string ToString() => Settings == null ? Label : $"{Label} ({Settings})";
}
