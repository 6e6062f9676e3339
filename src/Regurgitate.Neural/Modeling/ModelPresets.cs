namespace Regurgitate.Modeling;

/// <summary>The names of the architecture presets (<see cref="ModelConfig.Preset"/>), declared once; everything else refers to these.</summary>
public static class ModelPresets
{
    /// <summary>3+3 layers, 256 wide: trains on Multi30k on a few CPU cores; `regurg train`'s default.</summary>
    public const string CpuSmall = "cpu-small";
    /// <summary>6+6 layers, 512 wide, post-norm, as in Vaswani et al.</summary>
    public const string TransformerBase = "transformer-base";
    /// <summary>2+2 layers, 64 wide: tests and the studies' students.</summary>
    public const string Tiny = "tiny";
    /// <summary>Decoder-only, 6 layers, 256 wide.</summary>
    public const string LmSmall = "lm-small";
    /// <summary>Decoder-only, 2 layers, 64 wide: tests.</summary>
    public const string LmTiny = "lm-tiny";

    /// <summary>Every preset name, in the order help texts list them.</summary>
    public static IReadOnlyList<string> Names { get; } = [CpuSmall, TransformerBase, Tiny, LmSmall, LmTiny];
}
