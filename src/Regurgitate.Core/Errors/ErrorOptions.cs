namespace Regurgitate.Errors;

/// <summary>Thresholds of the error signals; each default is stated with its reason.</summary>
/// <param name="TargetScripts">Scripts the target language is written in (see <see cref="Errors.TargetScripts"/>).</param>
/// <param name="CopyThreshold">Flag a copy when at least this share of the output's words occur in the source (0.8: on
/// newstest2017 en→de, faithful translations of name lists reach 0.72–0.79; an untranslated line is near 1).</param>
/// <param name="CopyMinWords">...and the output has at least this many words: short segments of names and numbers are copied legitimately.</param>
/// <param name="LoopCopies">Flag a loop when an n-gram occurs this many times back to back.</param>
/// <param name="LoopMaxUnit">Longest repeated unit, in tokens, looked for.</param>
/// <param name="RepeatedNgramOrder">n of the repeated-n-gram share.</param>
/// <param name="RepeatedNgramThreshold">Flag a loop when at least this share of a segment's n-grams repeat an earlier one.</param>
/// <param name="LengthZThreshold">Flag a length outlier when |robust z| exceeds this (Iglewicz &amp; Hoaglin: 3.5).</param>
/// <param name="ExpectedLengthRatio">Known output/source character-length ratio, used when no reference is given.</param>
/// <param name="ForeignShareThreshold">Flag foreign script when at least this share of the output's letters are foreign.</param>
/// <param name="EditRateThreshold">Flag a high edit rate when TER's edits per reference word exceed this.</param>
public sealed record ErrorOptions(
    IReadOnlySet<WritingScript> TargetScripts,
    double CopyThreshold = 0.8,
    int CopyMinWords = 3,
    int LoopCopies = 3,
    int LoopMaxUnit = 8,
    int RepeatedNgramOrder = 4,
    double RepeatedNgramThreshold = 0.5,
    double LengthZThreshold = RobustZ.DefaultThreshold,
    double? ExpectedLengthRatio = null,
    double ForeignShareThreshold = 0.1,
    double EditRateThreshold = 0.5)
{
    /// <summary>The defaults, for option help and spec readers; target scripts have none (they follow the target language).</summary>
    public static ErrorOptions Defaults { get; } = new(new HashSet<WritingScript>());

    /// <summary>Throws an <see cref="InputException"/> naming the first setting out of range and its command-line option.</summary>
    public void Validate()
    {
        if (TargetScripts.Count == 0) throw new InputException("at least one target script is needed", hint: "see --target-lang and --target-scripts");
        if (!(CopyThreshold > 0 && CopyThreshold <= 1)) throw Invalid("--copy-threshold", CopyThreshold, "the copy threshold is a share in (0, 1]");
        if (LoopCopies < 2) throw Invalid("--loop-copies", LoopCopies, "a loop has at least 2 copies");
        if (LoopMaxUnit < 1) throw Invalid("loop unit", LoopMaxUnit, "the loop unit is at least 1 token");
        if (RepeatedNgramOrder < 1) throw Invalid("repeated n-gram order", RepeatedNgramOrder, "n is at least 1");
        if (!(LengthZThreshold > 0)) throw Invalid("--length-z", LengthZThreshold, "the length z threshold is positive");
        if (ExpectedLengthRatio is { } r && !(r > 0)) throw Invalid("--length-ratio", r, "a length ratio is positive");
        if (!(ForeignShareThreshold > 0 && ForeignShareThreshold <= 1)) throw Invalid("--foreign-share", ForeignShareThreshold, "the foreign-script threshold is a share in (0, 1]");
        if (!(EditRateThreshold > 0)) throw Invalid("--edit-threshold", EditRateThreshold, "the edit-rate threshold is positive");
    }

    static InputException Invalid(string setting, double value, string problem) =>
        new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{setting} {value}: {problem}"), hint: "see regurg errors --help");
}
