namespace Regurgitate.Reports;

/// <summary>
/// A condition against <c>human</c> at one size: per seed, both students' BLEU recomputed from
/// their test.hyp and the paired bootstrap p-value of the difference; over seeds, the mean gap
/// (condition − human) with its 95% t-interval.
/// </summary>
public sealed record GapToHuman(string Condition, int Size, IReadOnlyList<SeedGap> Seeds, SeedSummary Gap)
{
    /// <summary>Seeds whose difference is significant at p &lt; 0.05.</summary>
    public int Significant => Seeds.Count(s => s.PValue < 0.05);
}

/// <summary>One seed's paired comparison: BLEU of the baseline's student (human, or a strategy's baseline) and the condition's, and the paired bootstrap p-value.</summary>
public sealed record SeedGap(long Seed, double BaselineBleu, double ConditionBleu, double PValue)
{
    /// <summary>Condition minus baseline, in BLEU points.</summary>
    public double Difference => ConditionBleu - BaselineBleu;
}
