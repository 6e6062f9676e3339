using Regurgitate.Statistics;

namespace Regurgitate.Reports;

/// <summary>
/// A condition against <c>human</c> at one size, from both sources of variance (docs/statistics.md): the BLEU
/// difference (condition − human) with its interval and its verdict within the family of every gap of the
/// report (Holm); the chrF and test-NLL differences beside it; each seed's BLEU for reading.
/// </summary>
public sealed record GapToHuman(string Condition, int Size, IReadOnlyList<SeedPair> Seeds, ComparisonDecision Bleu,
    PairedComparison? Chrf, ComparisonDecision? Nll)
{
    /// <summary>The BLEU difference, condition − human.</summary>
    public PairedComparison Difference => Bleu.Comparison;
}

/// <summary>One seed's BLEU of the baseline's student and the condition's (from results.jsonl).</summary>
public sealed record SeedPair(long Seed, double BaselineBleu, double ConditionBleu)
{
    /// <summary>Condition minus baseline, in BLEU points.</summary>
    public double Difference => ConditionBleu - BaselineBleu;
}
