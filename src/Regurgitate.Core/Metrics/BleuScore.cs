using System.Globalization;

namespace Regurgitate.Metrics;

/// <summary>A BLEU score with its n-gram match counts, totals, precisions and brevity penalty.</summary>
public sealed record BleuScore(
    double Score,
    IReadOnlyList<double> Counts,
    IReadOnlyList<double> Totals,
    IReadOnlyList<double> Precisions,
    double BrevityPenalty,
    long HypothesisLength,
    long ReferenceLength,
    Signature Signature) : MetricScore("BLEU", Score, Signature)
{
    /// <summary>Hypothesis length over reference length (0 without reference words).</summary>
    public double Ratio => ReferenceLength > 0 ? (double)HypothesisLength / ReferenceLength : 0;

    /// <inheritdoc/>
    public override string Verbose =>
        string.Join("/", Precisions.Select(p => PythonFormat.Fixed(p, 1))) +
        $" (BP = {PythonFormat.Fixed(BrevityPenalty, 3)} ratio = {PythonFormat.Fixed(Ratio, 3)} " +
        $"hyp_len = {HypothesisLength.ToString(CultureInfo.InvariantCulture)} ref_len = {ReferenceLength.ToString(CultureInfo.InvariantCulture)})";
}
