namespace Regurgitate.Metrics;

/// <summary>TER settings; the defaults replicate Tercom's (and sacreBLEU's).</summary>
public sealed record TerOptions
{
    /// <summary>Apply mteval-like normalization and punctuation splitting.</summary>
    public bool Normalized { get; init; }
    /// <summary>Remove punctuation.</summary>
    public bool NoPunct { get; init; }
    /// <summary>Special treatment of CJK characters (with <see cref="Normalized"/> or <see cref="NoPunct"/>).</summary>
    public bool AsianSupport { get; init; }
    /// <summary>Keep case; TER is case-insensitive by default.</summary>
    public bool CaseSensitive { get; init; }
}
