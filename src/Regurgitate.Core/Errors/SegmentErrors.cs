namespace Regurgitate.Errors;

/// <summary>Every error signal of one output segment, and the flags they raised.</summary>
/// <param name="Line">1-based line number in the input files.</param>
/// <param name="SourceLength">Source length in characters, whitespace excluded.</param>
/// <param name="HypothesisLength">Output length in characters, whitespace excluded.</param>
/// <param name="ReferenceLength">Reference length in characters, whitespace excluded, when a reference is given.</param>
/// <param name="SourceOverlap">Share of the output's words found in the source (NaN: no words).</param>
/// <param name="Loop">The longest back-to-back repetition.</param>
/// <param name="RepeatedNgramShare">Share of the output's n-grams that repeat an earlier one (NaN: too short).</param>
/// <param name="LengthRatio">(output + 1) / (source + 1) character lengths.</param>
/// <param name="LengthZ">Robust z-score of the log length ratio against the baseline.</param>
/// <param name="Letters">Letters in the output.</param>
/// <param name="ForeignLetters">Letters outside the target language's scripts.</param>
/// <param name="ForeignScripts">Which foreign scripts occur, e.g. "Cyrillic".</param>
/// <param name="Reference">chrF and TER against the reference, when given.</param>
/// <param name="Flags">The error types raised.</param>
public sealed record SegmentErrors(
    int Line,
    int SourceLength,
    int HypothesisLength,
    int? ReferenceLength,
    double SourceOverlap,
    RepetitionLoop Loop,
    double RepeatedNgramShare,
    double LengthRatio,
    double LengthZ,
    int Letters,
    int ForeignLetters,
    IReadOnlyList<WritingScript> ForeignScripts,
    ReferenceScores? Reference,
    ErrorFlags Flags)
{
    /// <summary>Share of the output's letters in a foreign script (0 when it has no letters).</summary>
    public double ForeignLetterShare => Letters == 0 ? 0 : (double)ForeignLetters / Letters;
}
