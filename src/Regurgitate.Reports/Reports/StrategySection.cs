using Regurgitate.Statistics;

namespace Regurgitate.Reports;

/// <summary>The report's section on mitigation strategies against their baselines, and each strategy's verdict in words.</summary>
internal static class StrategySection
{
    /// <summary>Adds the section (nothing when the study has no strategy).</summary>
    public static void Add(StudyAnalysis a, ReportDocument doc)
    {
        if (a.Strategies.Count == 0) return;
        doc.Add(new Heading(2, "Strategies against their baselines", "strategies"));
        doc.Add(new Paragraph("Each mitigation strategy's students against baselines of the same size: human data; the same " +
            "generator's pairs in the pool's random order (for strategies that order or weight one generator's pairs, i.e. `synthetic` of that " +
            "generator); and the best single generator (the `synthetic` condition whose training targets agree best with the human targets, " +
            "by chrF on the training data, so the test set plays no part in choosing it). A strategy that chooses its n pairs from the whole pool " +
            "is also compared with controls from the same pool: the same ordering applied to the human targets (`pruned-human`), which tells " +
            "a data-pruning effect from the generator's, and the same generator's pairs ordered by their chrF against the human targets " +
            "(`oracle`), the upper bound of any quality score. Differences are strategy − baseline in BLEU with their 95% interval; " +
            $"verdicts are decided within the family of all {a.Strategies.Count} strategy comparisons of this report (Holm). " +
            "Against a synthetic baseline, **gap closed** is the share of that baseline's gap to human data the strategy closes: 0% is no better " +
            "than the baseline, 100% matches human data. A strategy that chooses its pairs from a larger pool than its baseline's may win by " +
            "pruning alone; such comparisons are marked **unequal**."));
        doc.Add(new BulletList(a.Strategies.Select(c => c.Strategy).Distinct()
            .Select(s => Verdict(s, a.Strategies.Where(c => c.Strategy == s).ToList(), a.Settings)).ToList()));
        var rows = a.Strategies.Select(c => (IReadOnlyList<string>)
        [
            c.Strategy, ReportFormat.Count(c.Size), $"{c.Role} ({c.Baseline})",
            ReportFormat.Difference(c.Difference), ReportFormat.TestP(c.Difference.PValue), ReportFormat.TestP(c.Bleu.AdjustedP),
            VerdictText.Cell(c.Bleu),
            c.GapShare is { } share ? VerdictText.Share(share) : "—",
            c.UnequalPool is null ? "equal" : "**unequal**",
        ]).ToList();
        doc.Add(new Table(["strategy", "pairs", "baseline", "Δ BLEU [95% CI]", "p", "Holm p", "verdict", "gap closed [95% CI]", "pools"],
            rows, [false, true, false, true, true, true, false, true, false],
            "Human-data comparisons repeat the gap table's numbers in this family's Holm adjustment. An inconclusive verdict gives the seeds " +
            "per condition that would decide it if the true difference were the observed one. Pools: unequal where the strategy chose " +
            "its pairs from the whole student pool and the baseline took the pool's first n."));
    }

    /// <summary>
    /// What a strategy's comparisons say, in the four words: per baseline, the sizes at which it is better, worse,
    /// equivalent or undecided (with the seeds that would decide), the gap share it closes at the largest size, and
    /// whether the baseline's pool differs.
    /// </summary>
    internal static string Verdict(string strategy, IReadOnlyList<StrategyComparison> comparisons, AnalysisSettings settings)
    {
        if (comparisons.Count == 0) return $"**{strategy}**: no baseline ran, so whether the strategy helps cannot be said.";
        var parts = new List<string>();
        foreach (var role in comparisons.Select(c => (c.Role, c.Baseline)).Distinct())
        {
            var rows = comparisons.Where(c => c.Role == role.Role && c.Baseline == role.Baseline).OrderBy(c => c.Size).ToList();
            var words = string.Join("; ", rows.GroupBy(r => r.Bleu.Words).Select(g =>
                $"{g.Key} at {string.Join(", ", g.Select(r => ReportFormat.Count(r.Size)))}" +
                (g.First().Bleu.Verdict == Statistics.Verdict.Inconclusive ? $" ({SeedsText(g.Select(r => r.Bleu).ToList())})" : "")));
            string part = $"against {role.Role} ({role.Baseline}): {words}";
            var last = rows[^1];
            if (last.GapShare is { } share) part += $"; at {ReportFormat.Count(last.Size)} it closes {VerdictText.Share(share)} of {role.Baseline}'s gap to human data";
            parts.Add(part);
        }
        // The pools once, after the verdicts: which baselines took the pool's first n, and which were drawn from the strategy's pool.
        var unequal = comparisons.Where(c => c.UnequalPool != null).OrderByDescending(c => c.Size).ToList();
        if (unequal.Count > 0)
        {
            var equal = comparisons.Where(c => c.UnequalPool == null).Select(c => c.Baseline).Distinct().ToList();
            parts.Add($"unequal pools against {string.Join(", ", unequal.Select(c => c.Baseline).Distinct())} (at {ReportFormat.Count(unequal[0].Size)}: {unequal[0].UnequalPool})" +
                (equal.Count > 0 ? $"; drawn from the same pool: {string.Join(", ", equal)}" : ""));
        }
        var controls = comparisons.Where(c => c.Role != StrategyBaselines.Human).ToList();
        var decided = controls.Count == 0 ? comparisons : controls;
        int better = decided.Count(c => c.Bleu.Verdict == Statistics.Verdict.Better), worse = decided.Count(c => c.Bleu.Verdict == Statistics.Verdict.Worse);
        int equivalent = decided.Count(c => c.Bleu.Verdict == Statistics.Verdict.Equivalent), open = decided.Count - better - worse - equivalent;
        string against = controls.Count == 0 ? "human data (no other baseline ran)" : "its baselines other than human data";
        string headline = better > 0 && worse == 0 ? $"is **better** than {against} in {better} of {decided.Count} comparisons"
            : worse > 0 && better == 0 ? $"is **worse** than {against} in {worse} of {decided.Count} comparisons"
            : better > 0 ? $"is **better** in {better} and **worse** in {worse} of {decided.Count} comparisons with {against}"
            : equivalent == decided.Count ? $"is **equivalent within ±{ReportFormat.Number(settings.EquivalenceMargin, 1)} BLEU** to {against} in every comparison: it neither helps nor hurts by more than the margin"
            : equivalent > 0 ? $"is **equivalent within ±{ReportFormat.Number(settings.EquivalenceMargin, 1)} BLEU** to {against} in {equivalent} and **inconclusive** in {open} of {decided.Count} comparisons"
            : $"is **inconclusive** against {against} in all {decided.Count} comparisons: this run cannot say whether it helps";
        // A strategy that chooses from a larger pool than every baseline's may win by pruning alone, which no verdict here can rule out.
        string pools = comparisons.All(c => c.UnequalPool != null)
            ? " No baseline was drawn from an equal pool: add a `pruned-human` control (`ordered`/`ranked` with `generator: human`) to tell the strategy from data pruning."
            : "";
        return $"**{strategy}** {headline} — {string.Join("; ", parts)}.{pools}";
    }

    static string SeedsText(IReadOnlyList<ComparisonDecision> undecided)
    {
        var needed = undecided.Select(d => d.SeedsToDecide).ToList();
        if (needed.All(k => k is null)) return undecided.Any(d => double.IsNaN(d.Comparison.PValue)) ? "no seed variance to test with" : "more test sentences would be needed";
        return $"about {needed.Where(k => k is not null).Max()} seeds per condition would decide {(undecided.Count == 1 ? "it" : "them")} if the true differences were the observed ones";
    }
}
