namespace Regurgitate.Diversity;

/// <summary>The lexical diversity of one text: every <see cref="DiversityMeasure"/> with its interval.</summary>
/// <param name="Label">What the text is, usually its file name.</param>
/// <param name="Segments">Number of segments (lines).</param>
/// <param name="Tokens">Number of tokens after tokenization.</param>
/// <param name="Tokenizer">Tokenizer description, e.g. "tok:13a|case:mixed".</param>
/// <param name="Options">The settings used.</param>
/// <param name="Estimates">One estimate per measure, indexed by <see cref="DiversityMeasure.Index"/>.</param>
/// <param name="Notes">Why a measure is undefined, if one is.</param>
public sealed record DiversityReport(
    string Label,
    int Segments,
    long Tokens,
    string Tokenizer,
    DiversityOptions Options,
    IReadOnlyList<DiversityEstimate> Estimates,
    IReadOnlyList<string> Notes)
{
    /// <summary>The estimate of <paramref name="measure"/>.</summary>
    public DiversityEstimate this[DiversityMeasure measure] => Estimates[measure.Index];
}
