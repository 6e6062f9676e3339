namespace Regurgitate.Metrics;

/// <summary>
/// The settings that produced a score, formatted exactly like sacreBLEU's signatures
/// (<c>nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0</c>), so a number can be
/// reproduced and compared. <see cref="Version"/> names the sacreBLEU release whose behaviour we
/// match, not Regurgitate's own version.
/// </summary>
public sealed record Signature
{
    /// <summary>The sacreBLEU release whose metric definitions and formatting we reproduce.</summary>
    public const string SacreBleuVersion = "2.6.0";

    /// <summary>Creates a signature from the reference count (<c>var</c> when it varies) and the metric's own fields, in order.</summary>
    public Signature(string references, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        References = references;
        Fields = fields;
    }

    /// <summary>The <c>nrefs:</c> value: a count, or <c>var</c>.</summary>
    public string References { get; init; }
    /// <summary>Metric-specific fields (<c>case</c>, <c>tok</c>, ...) in sacreBLEU's order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; init; }
    /// <summary>Bootstrap resamples (<c>bs:</c>), when a bootstrap estimate is part of the result.</summary>
    public int? BootstrapSamples { get; init; }
    /// <summary>Approximate randomization trials (<c>ar:</c>).</summary>
    public int? RandomizationTrials { get; init; }
    /// <summary>Random seed (<c>seed:</c>), when resampling was used.</summary>
    public string? Seed { get; init; }
    /// <summary>The <c>version:</c> value.</summary>
    public string Version { get; init; } = SacreBleuVersion;

    /// <summary>All fields in sacreBLEU's order: nrefs, bs, ar, seed, the metric's own, version last.</summary>
    public IEnumerable<KeyValuePair<string, string>> Entries()
    {
        yield return new("nrefs", References);
        if (BootstrapSamples is int bs) yield return new("bs", bs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (RandomizationTrials is int ar) yield return new("ar", ar.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Seed != null) yield return new("seed", Seed);
        foreach (var field in Fields) yield return field;
        yield return new("version", Version);
    }

    /// <summary>The signature string, e.g. <c>nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0</c>.</summary>
    public override string ToString() => string.Join("|", Entries().Select(e => $"{e.Key}:{e.Value}"));
}
