namespace Regurgitate.Statistics;

/// <summary>
/// Verdicts for a declared family of comparisons (e.g. every strategy-vs-baseline comparison of one report).
/// Holm's procedure is applied to the two-sided p-values and, separately, to the equivalence (TOST) p-values,
/// so neither a false <i>better</i>/<i>worse</i> nor a false <i>equivalent</i> anywhere in the family happens
/// with probability above α. Better/worse is checked first: a difference shown to be non-zero is reported
/// as such even when it is also within the margin.
/// </summary>
public static class ComparisonFamily
{
    /// <summary>Decides every comparison of the family at family-wise level <paramref name="alpha"/>.</summary>
    public static IReadOnlyList<ComparisonDecision> Decide(IReadOnlyList<PairedComparison> family, double alpha = 0.05, double power = 0.8)
    {
        if (alpha is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha is in (0, 1)");
        var adjusted = Holm.Adjust(family.Select(c => c.PValue).ToArray());
        var adjustedEquivalence = Holm.Adjust(family.Select(c => c.EquivalencePValue).ToArray());
        var decisions = new ComparisonDecision[family.Count];
        for (int i = 0; i < family.Count; i++)
        {
            var c = family[i];
            Verdict verdict;
            if (adjusted[i] < alpha)
                verdict = (c.Difference > 0) == c.HigherIsBetter ? Verdict.Better : Verdict.Worse;
            else if (adjustedEquivalence[i] < alpha) verdict = Verdict.Equivalent;
            else verdict = Verdict.Inconclusive;
            // Planning at α / m, Holm's first step, is conservative for every comparison of the family.
            int? seeds = verdict == Verdict.Inconclusive ? SeedsToDecide(c, alpha / family.Count, power) : null;
            decisions[i] = new ComparisonDecision(c, verdict, adjusted[i], adjustedEquivalence[i], seeds);
        }
        return decisions;
    }

    /// <summary>
    /// The seeds per condition that would decide <paramref name="c"/> with probability <paramref name="power"/> if the true
    /// difference were the observed one: beyond the margin, the two-sided test detects it; inside, TOST shows it within
    /// ±margin, whose nearer one-sided test at α must clear a distance of margin − |Δ̂|. A plug-in (post hoc) number: it
    /// says what this run's variance implies, not what the truth is. Null when no number of seeds would do (the sentence
    /// part alone is too large) or the comparison has no seed variance.
    /// </summary>
    public static int? SeedsToDecide(PairedComparison c, double alpha, double power)
    {
        double observed = Math.Abs(c.Difference);
        return observed >= c.Margin
            ? SeedPlanning.SeedsNeeded(c.PerSeedVariance, c.SentenceVariance, c.Sentences, observed, alpha, power)
            : SeedPlanning.SeedsNeeded(c.PerSeedVariance, c.SentenceVariance, c.Sentences, c.Margin - observed, Math.Min(0.999, 2 * alpha), power);
    }
}
