namespace Regurgitate.Diversity;

/// <summary>Settings of a lexical diversity analysis; the defaults are the papers' values.</summary>
/// <param name="Tokenization">How segments are split into words.</param>
/// <param name="Lowercase">Lowercase before counting.</param>
/// <param name="MattrWindow">MATTR window W (Covington &amp; McFall use 500 for long texts; 50 suits segment corpora).</param>
/// <param name="MtldThreshold">MTLD factor-size threshold (McCarthy &amp; Jarvis 2010: 0.72).</param>
/// <param name="HddSampleSize">HD-D sample size (McCarthy &amp; Jarvis 2007: 42).</param>
/// <param name="BootstrapSamples">Bootstrap resamples of segments for the confidence intervals; 0 for none.</param>
/// <param name="Seed">Seed of the bootstrap: the same seed gives the same intervals.</param>
/// <param name="ConfidenceLevel">Coverage of the percentile intervals.</param>
public sealed record DiversityOptions(
    DiversityTokenization Tokenization = DiversityTokenization.V13a,
    bool Lowercase = false,
    int MattrWindow = Mattr.DefaultWindow,
    double MtldThreshold = Mtld.DefaultThreshold,
    int HddSampleSize = 42,
    int BootstrapSamples = 1000,
    int Seed = 12345,
    double ConfidenceLevel = 0.95)
{
    /// <summary>The defaults, for option help and spec readers.</summary>
    public static DiversityOptions Defaults { get; } = new();

    /// <summary>Throws an <see cref="InputException"/> naming the first setting out of range and its command-line option.</summary>
    public void Validate()
    {
        if (MattrWindow < 1) throw Invalid("--mattr-window", MattrWindow, "the MATTR window holds at least one token");
        if (!(MtldThreshold > 0 && MtldThreshold < 1)) throw Invalid("--mtld-threshold", MtldThreshold, "the MTLD threshold lies strictly between 0 and 1");
        if (HddSampleSize < 1) throw Invalid("--hdd-sample", HddSampleSize, "the HD-D sample holds at least one token");
        if (BootstrapSamples < 0) throw Invalid("--bootstrap", BootstrapSamples, "the number of bootstrap samples cannot be negative");
        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1)) throw Invalid("confidence level", ConfidenceLevel, "the confidence level lies strictly between 0 and 1");
    }

    static InputException Invalid(string setting, double value, string problem) =>
        new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{setting} {value}: {problem}"), hint: "see regurg diversity --help");
}
