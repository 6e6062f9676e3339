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
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (TargetScripts.Count == 0) throw new ArgumentOutOfRangeException(nameof(TargetScripts), "at least one target script is needed");
        if (!(CopyThreshold > 0 && CopyThreshold <= 1)) throw new ArgumentOutOfRangeException(nameof(CopyThreshold), CopyThreshold, "the copy threshold is a share in (0, 1]");
        if (LoopCopies < 2) throw new ArgumentOutOfRangeException(nameof(LoopCopies), LoopCopies, "a loop has at least 2 copies");
        if (LoopMaxUnit < 1) throw new ArgumentOutOfRangeException(nameof(LoopMaxUnit), LoopMaxUnit, "the loop unit is at least 1 token");
        if (RepeatedNgramOrder < 1) throw new ArgumentOutOfRangeException(nameof(RepeatedNgramOrder), RepeatedNgramOrder, "n is at least 1");
        if (!(LengthZThreshold > 0)) throw new ArgumentOutOfRangeException(nameof(LengthZThreshold), LengthZThreshold, "the length z threshold is positive");
        if (ExpectedLengthRatio is { } r && !(r > 0)) throw new ArgumentOutOfRangeException(nameof(ExpectedLengthRatio), r, "a length ratio is positive");
        if (!(ForeignShareThreshold > 0 && ForeignShareThreshold <= 1)) throw new ArgumentOutOfRangeException(nameof(ForeignShareThreshold), ForeignShareThreshold, "the foreign-script threshold is a share in (0, 1]");
        if (!(EditRateThreshold > 0)) throw new ArgumentOutOfRangeException(nameof(EditRateThreshold), EditRateThreshold, "the edit-rate threshold is positive");
    }
}
