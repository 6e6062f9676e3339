using System.Text;
using System.Text.Json;
using Regurgitate.Diversity;
using Regurgitate.IO;
using Regurgitate.RunDirectories;
using Regurgitate.Statistics;

namespace Regurgitate.Reports;

/// <summary>
/// The report of a study: reads a run directory (docs/run-directory.md) and writes
/// <c>report.html</c> (self-contained), <c>report.md</c> and <c>figures/*.png|svg</c> into it.
/// What it says comes from the measurements; a study that fails its sanity checks says so at
/// the top and draws no conclusions.
/// </summary>
public static class StudyReport
{
    /// <summary>The question every study of this kind asks (Zhang, Qiao, Yang, Wei 2024).</summary>
    public const string Question =
        "How much worse is a model trained on machine-made targets than one trained on human targets, why, and at which training size?";

    /// <summary>Writes the report of <paramref name="runDirectory"/> into it and returns the path of report.html.</summary>
    public static string Write(string runDirectory) => WriteWithAnalysis(runDirectory).Html;

    /// <summary>Writes the report and returns report.html's path with the analysis behind it (what the tests check).</summary>
    internal static (string Html, StudyAnalysis Analysis) WriteWithAnalysis(string runDirectory)
    {
        var analysis = StudyAnalysis.Of(runDirectory);
        var figures = StudyFigures.Draw(analysis);
        var document = Build(analysis, figures);
        string subtitle = Subtitle(analysis);
        var layout = new RunLayout(analysis.Run.Path);
        // A figure an earlier report drew but this one cannot (e.g. no data.jsonl any more) would be stale: removed.
        if (Directory.Exists(layout.Figures))
            foreach (string stale in StudyFigures.Names.Except(figures.Select(f => f.Name)))
                foreach (string extension in new[] { ".png", ".svg" })
                    File.Delete(Path.Combine(layout.Figures, stale + extension));
        foreach (var figure in figures)
        {
            AtomicFile.Write(Path.Combine(layout.Figures, figure.Name + ".png"), s => s.Write(figure.Png));
            AtomicFile.Write(Path.Combine(layout.Figures, figure.Name + ".svg"), s => s.Write(Encoding.UTF8.GetBytes(figure.Svg)));
        }
        AtomicFile.Write(layout.ReportMarkdown, s => s.Write(Encoding.UTF8.GetBytes(MarkdownReport.Render(document, subtitle))));
        string html = layout.ReportHtml;
        AtomicFile.Write(html, s => s.Write(Encoding.UTF8.GetBytes(HtmlReport.Render(document, subtitle))));
        return (html, analysis);
    }

    static string Subtitle(StudyAnalysis a)
    {
        var parts = new List<string> { $"Study `{a.Run.Study}`" };
        if (a.Run.RunString("direction") is { } direction) parts.Add(direction);
        if (a.Run.RunString("test") is { } test) parts.Add("test set: " + test);
        if (a.Run.RunString("finished") is { } finished) parts.Add("run finished " + finished);
        return string.Join(" · ", parts) + ". Rebuild with `regurg study report " + a.Run.ShownPath + "`.";
    }

    internal static ReportDocument Build(StudyAnalysis a, IReadOnlyList<ReportFigure> figures)
    {
        var doc = new ReportDocument($"Regurgitative training study: {a.Run.Study}");
        ReportFigure? Figure(string name) => figures.FirstOrDefault(f => f.Name == name);
        void AddFigure(string name) { if (Figure(name) is { } f) doc.Add(new FigureBlock(f)); }

        doc.Add(Verdict(a));
        doc.Add(new Heading(2, "Question and summary", "summary"));
        doc.Add(new Paragraph($"**Question.** {Question} {Design(a)}"));
        if (a.Sane) doc.Add(new BulletList(Summary(a)));
        else doc.Add(new Paragraph("**No conclusions are drawn**: the study failed the sanity checks above, so differences between conditions " +
            "may reflect a broken set-up rather than the data. The measurements follow for diagnosis."));

        SanitySection(a, doc);

        doc.Add(new Heading(2, "Learning curves", "curves"));
        doc.Add(new Paragraph("Test-set BLEU and chrF of the students per condition and training size" +
            (a.Inference.Metrics.Contains(StudyMetric.Nll) ? ", and the NLL per token of the human test references under each student (forced decoding; lower is better)" : "") +
            ": the mean over the seeds that finished with its 95% interval from both sources of variance, seeds and test sentences " +
            "(see *How comparisons are decided*). Scores are sacreBLEU's, signatures below."));
        AddFigure("learning-curves-bleu");
        AddFigure("learning-curves-chrf");
        AddFigure("learning-curves-nll");
        doc.Add(CurveTable(a));
        doc.Add(FitTable(a));

        MethodSection(a, doc);

        doc.Add(new Heading(2, "Gap to human data", "gaps"));
        doc.Add(new Paragraph($"Each condition's students against the `human` students of the same size: the gap is condition − human in BLEU " +
            $"(the mean over each side's seeds), with its 95% interval, its two-sided p and the verdict within the family of all {a.Gaps.Count} gaps " +
            "of this report (Holm). chrF and test NLL gaps stand beside it; NLL verdicts form a family of their own."));
        AddFigure("gap-to-human");
        doc.Add(GapTable(a));

        StrategySection.Add(a, doc);

        doc.Add(new Heading(2, "Exchange rate", "exchange"));
        doc.Add(new Paragraph("How many pairs of each condition reach the BLEU that N human pairs reach. Each condition's curve is fitted as " +
            "**BLEU = a + b·ln(pairs)** by least squares over all finished cells (every seed one point; fits in the table above); the human " +
            "BLEU at N is read off the human fit and the condition's fit is inverted at that BLEU. Only interpolation is reported: a size " +
            "outside the sizes the condition was run at is \"not reached within the sizes run\" (or \"already exceeded at the smallest size\"). " +
            "The 95% interval refits both curves in each bootstrap resample; a resample in which the rate is not reached counts as above " +
            "any size (an end of \"beyond the sizes run\"), one already exceeded at the smallest size as below it."));
        AddFigure("exchange-rate");
        doc.Add(ExchangeTable(a));

        MechanismsSection.Add(a, doc, AddFigure);
        ReproducibilitySection(a, doc);
        return doc;
    }

    static string Design(StudyAnalysis a)
    {
        var other = a.Conditions.Where(c => c != StudyAnalysis.Human).ToList();
        int seeds = a.Run.Cells.Select(c => c.Seed).Distinct().Count();
        return $"This study compares students trained on **human** targets with {(other.Count == 0 ? "no other condition" : string.Join(", ", other.Select(c => $"**{c}**")))} " +
            $"at {a.Sizes.Count} training size{(a.Sizes.Count == 1 ? "" : "s")} ({string.Join(", ", a.Sizes.Select(s => ReportFormat.Count(s)))} pairs) " +
            $"with {seeds} seed{(seeds == 1 ? "" : "s")} each: {a.Run.Cells.Count} cells, {a.Run.Cells.Count - a.FailedCells.Count} finished.";
    }

    static Callout Verdict(StudyAnalysis a)
    {
        var items = a.Checks.Select(c => $"{(c.Passed ? "✓" : c.Blocking ? "✗" : "⚠")} **{c.Name}** — {c.Detail}").ToList();
        return a.Sane
            ? new Callout(false, "Sanity checks passed: the conclusions below follow from the measurements", items)
            : new Callout(true, "This study FAILED its sanity checks: no conclusions are drawn", items);
    }

    static List<string> Summary(StudyAnalysis a)
    {
        var items = new List<string>();
        var human = a.Curve(StudyAnalysis.Human)!;
        var first = human.Points[0];
        var last = human.Points[^1];
        items.Add($"Students trained on **human** targets reach {ReportFormat.MeanCi(first.Bleu)} BLEU with {ReportFormat.Pairs(first.Size)} " +
            $"and {ReportFormat.MeanCi(last.Bleu)} with {ReportFormat.Pairs(last.Size)} (mean [95% CI]).");
        foreach (var curve in a.Curves.Where(c => c.Condition != StudyAnalysis.Human))
        {
            var gaps = a.Gaps.Where(g => g.Condition == curve.Condition).OrderBy(g => g.Size).ToList();
            if (gaps.Count == 0)
            {
                items.Add($"**{curve.Condition}**: no finished cell has a finished human cell of the same size with translations, so no comparison.");
                continue;
            }
            items.Add($"**{curve.Condition}** against human data: " + GapVerdict(gaps[^1], a.Settings.Power) + BySize(gaps.Select(g => (g.Size, g.Bleu)).ToList()) + ".");
        }
        foreach (var strategy in a.Strategies.Select(c => c.Strategy).Distinct())
            items.Add(StrategySection.Verdict(strategy, a.Strategies.Where(c => c.Strategy == strategy).ToList(), a.Settings));
        var largest = a.ExchangeRates.Count == 0 ? 0 : a.ExchangeRates.Max(r => r.HumanSize);
        var atLargest = a.ExchangeRates.Where(r => r.HumanSize == largest).ToList();
        if (atLargest.Count > 0)
            items.Add($"Exchange rate: to reach what {ReportFormat.Pairs(largest)} of human data give ({ReportFormat.Score(atLargest[0].HumanBleu)} BLEU on the fitted " +
                "human curve), " + string.Join("; ", atLargest.Select(r => $"**{r.Condition}** {ExchangeText(r, summary: true)}")) + ".");
        foreach (var d in a.Data.Where(d => d.Condition != StudyAnalysis.Human))
            items.Add($"**{d.Condition}**'s training targets, against the human targets of the same {ReportFormat.Count(d.Segments)} sources: " +
                $"{ReportFormat.Percent(d.AnyReferenceFreeFlag)} of segments raise a reference-free error signal; divergence from the human targets " +
                $"TER {ReportFormat.Score(d.Ter.Score)} ± {ReportFormat.Score(d.Ter.Interval.HalfWidth)} (BLEU {ReportFormat.Score(d.Bleu.Score)}), which counts paraphrase as well as error; " +
                DiversityText(d) + ".");
        var rel = StudyFigures.StudentVersusData(a);
        if (rel.Count >= 3)
        {
            double rTer = Correlation.Pearson(rel.Select(r => r.Data.Ter.Score).ToList(), rel.Select(r => r.Bleu.Mean).ToList());
            double rMtld = Correlation.Pearson(rel.Select(r => r.Data.Diversity[DiversityMeasure.Mtld].Value).ToList(), rel.Select(r => r.Bleu.Mean).ToList());
            items.Add($"Across {rel.Count} conditions, student BLEU at the largest size correlates r = {ReportFormat.Correlation(rTer)} with its data's TER " +
                $"and r = {ReportFormat.Correlation(rMtld)} with its data's MTLD — {rel.Count} points describe these conditions; they are not evidence of a general relation.");
        }
        return items;
    }

    /// <summary>" Verdicts by size: better at 1,000; worse at 2,000 and 4,000" (nothing for one size).</summary>
    internal static string BySize(IReadOnlyList<(int Size, ComparisonDecision Decision)> rows)
    {
        if (rows.Count < 2) return "";
        var parts = rows.GroupBy(r => r.Decision.Words).Select(g => $"{g.Key} at {ReportFormat.Count(g.First().Size)}{string.Concat(g.Skip(1).Select(r => ", " + ReportFormat.Count(r.Size)))}");
        return $". By size: {string.Join("; ", parts)} pairs";
    }

    /// <summary>What one gap to human says: the cell's BLEU, the gap with its interval, and its verdict in the report's family of gaps.</summary>
    internal static string GapVerdict(GapToHuman gap, double power)
    {
        var d = gap.Bleu;
        string direction = d.Verdict switch
        {
            Statistics.Verdict.Better => " — here the machine-made targets helped",
            _ => "",
        };
        return $"at {ReportFormat.Pairs(gap.Size)} the gap is {VerdictText.Full(d, power)}{direction}" +
            (gap.Nll is { } nll ? $"; test NLL per token {VerdictText.Word(nll)} ({ReportFormat.Difference(nll.Comparison, 3)})" : "");
    }

    /// <summary>How the report's intervals and verdicts are computed, and whether the seed variance could be pooled.</summary>
    static void MethodSection(StudyAnalysis a, ReportDocument doc)
    {
        doc.Add(new Heading(2, "How comparisons are decided", "method"));
        var pool = a.Inference.Pool(StudyMetric.Bleu);
        string pooling = pool is null ? "No cell's translations could be read, so there are no two-level intervals."
            : pool.Supported ? $"The seed variance is pooled over all {pool.Cells} cells with two or more seeds ({ReportFormat.Number(pool.DegreesOfFreedom, 0)} degrees of freedom, " +
                $"seed SD {ReportFormat.Number(Math.Sqrt(pool.Variance), 2)} BLEU): {pool.Reason}."
            : $"The seed variance is not pooled: {pool.Reason}.";
        doc.Add(new Paragraph("Two things vary that a conclusion must hold over: the seeds (initialization, data order, dropout) and the test " +
            "sentences. Every interval and verdict here uses both: a two-level bootstrap resamples the test sentences (one draw shared by all " +
            $"students, so comparisons are paired by sentence) and each cell's seeds ({StudyInference.Resamples:N0} resamples), and corpus scores are " +
            "recomputed from per-sentence statistics in each resample. A difference's variance is its seed part plus its sentence part; its p-value " +
            "is a two-sided t test on that variance, and its 95% interval the expanded percentile interval of the resamples, which stays inside " +
            "the metric's range. " + pooling));
        doc.Add(new BulletList(
        [
            "**better** / **worse**: the Holm-adjusted two-sided p is below " + $"α = {ReportFormat.Number(a.Settings.Alpha, 2)} within the comparison's family " +
                "(every gap to human is one family; every strategy comparison another).",
            $"**equivalent within ±{ReportFormat.Number(a.Settings.EquivalenceMargin, 1)}**: not better or worse, and two one-sided tests (TOST, Holm-adjusted) " +
                "place the difference inside the margin, set by the spec's `analysis: {equivalence_margin: …}`" +
                (a.Settings.EquivalenceMargin == PairedComparison.DefaultMargin ? " (default 1 BLEU point)" : "") + ".",
            $"**inconclusive**: neither; the report gives the seeds per condition that would decide it at power {ReportFormat.Number(a.Settings.Power, 2)} " +
                "if the true difference were the observed one, from this run's variance (`regurg study power` gives them for any effect).",
        ]));
    }

    static string DiversityText(DataQuality d)
    {
        var m = DiversityMeasure.Mtld;
        var difference = LexicalDiversity.Compare(d.HumanDiversity, d.Diversity, m);
        string relation = difference switch
        {
            DiversityDifference.LessDiverse => "less diverse than the human targets (95% intervals apart)",
            DiversityDifference.MoreDiverse => "more diverse than the human targets (95% intervals apart)",
            DiversityDifference.Overlapping => "no difference from the human targets that the 95% intervals can show (they overlap)",
            _ => "diversity not comparable (no interval)",
        };
        return $"MTLD {Estimate(d.Diversity[m])} vs {Estimate(d.HumanDiversity[m])} for the human targets: {relation}";
    }

    internal static string Estimate(DiversityEstimate e, int digits = 1)
    {
        // Counts (digits 0) get thousands separators.
        string F(double v) => digits == 0 ? ReportFormat.Count(v) : ReportFormat.Number(v, digits);
        return e.HasInterval ? $"{F(e.Value)} [{F(e.Low)}, {F(e.High)}]" : F(e.Value);
    }

    internal static string ExchangeText(ExchangeRate rate, bool summary = false) => rate.Outcome switch
    {
        ExchangeOutcome.Reached => summary
            ? $"needs {ReportFormat.Pairs(rate.Size!.Value)} ({ReportFormat.Number(rate.PairsPerHumanPair!.Value, 2)} per human pair)"
            : $"{ReportFormat.Count(rate.Size!.Value)} ({ReportFormat.Number(rate.PairsPerHumanPair!.Value, 2)}×)",
        ExchangeOutcome.NotReached => summary ? "does **not reach it within the sizes run**" : "not reached within the sizes run",
        ExchangeOutcome.BelowSmallestSize => summary ? "already exceeds it at its smallest size run (fewer pairs would do)" : "already exceeded at the smallest size",
        _ => summary ? "has a flat or falling fitted curve, so no exchange rate" : "curve does not rise",
    };

    static void SanitySection(StudyAnalysis a, ReportDocument doc)
    {
        doc.Add(new Heading(2, "Sanity checks", "sanity"));
        doc.Add(new Table(["check", "result", "measurements"],
            a.Checks.Select(c => (IReadOnlyList<string>)[c.Name, c.Passed ? "passed" : c.Blocking ? "**FAILED**" : "warning", c.Detail]).ToList(),
            [false, false, false]));
        doc.Add(new Heading(3, "Generators and their own test scores", "generators"));
        if (a.Run.Generators.Count == 0) doc.Add(new Paragraph("generators.jsonl lists no generator."));
        else
            doc.Add(new Table(["generator", "type", "description", "test BLEU", "test chrF", "time"],
                a.Run.Generators.Select(g => (IReadOnlyList<string>)[g.Generator, g.Type, g.Error is { } error ? $"{g.Description} — **failed**: {error}" : g.Description ?? "",
                    g.TestBleu is { } b ? ReportFormat.Score(b) : "not scored", g.TestChrf is { } c ? ReportFormat.Score(c) : "—",
                    g.Seconds is { } s ? ReportFormat.Duration(s) : "—"]).ToList(),
                [false, false, false, true, true, true],
                "One system each, scored once on the test set (no seeds, no interval). A student is unlikely to beat the generator of its targets."));
        doc.Add(new Heading(3, "Failed cells", "failed"));
        if (a.FailedCells.Count == 0) doc.Add(new Paragraph($"None: all {a.Run.Cells.Count} cells finished."));
        else
            doc.Add(new Table(["cell", "condition", "size", "seed", "why"],
                a.FailedCells.Select(c => (IReadOnlyList<string>)[c.Cell, c.Condition, ReportFormat.Count(c.Size), c.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    c.Error ?? (c.Status == CellStatus.Done ? "finished without a BLEU score" : $"status {c.Status}")]).ToList(),
                [false, false, true, true, false]));
    }

    static Table CurveTable(StudyAnalysis a)
    {
        bool nll = a.Inference.Metrics.Contains(StudyMetric.Nll);
        var rows = new List<IReadOnlyList<string>>();
        string N(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var curve in a.Curves)
            foreach (var p in curve.Points)
            {
                var row = new List<string> { curve.Condition, ReportFormat.Count(p.Size), N(p.Bleu.N),
                    ReportFormat.Score(p.Bleu.Mean), ReportFormat.Interval(p.Bleu), ReportFormat.Score(p.Chrf.Mean), ReportFormat.Interval(p.Chrf) };
                if (nll) row.AddRange(p.Nll is { } n ? [ReportFormat.Number(n.Mean, 3), ReportFormat.Interval(n, 3)] : ["—", "—"]);
                row.Add(p.Failed == 0 ? "" : N(p.Failed));
                rows.Add(row);
            }
        string[] header = nll
            ? ["condition", "pairs", "n seeds", "BLEU mean", "BLEU 95% CI", "chrF mean", "chrF 95% CI", "test NLL/token", "NLL 95% CI", "failed"]
            : ["condition", "pairs", "n seeds", "BLEU mean", "BLEU 95% CI", "chrF mean", "chrF 95% CI", "failed"];
        return new Table(header, rows, [false, .. header.Skip(1).Select(_ => true)],
            "95% CI: two-level bootstrap over seeds and test sentences, inside the metric's range" +
            (a.Inference.Pool(StudyMetric.Bleu) is { Supported: true } ? ", seed variance pooled over all cells" : "") +
            (nll ? "; test NLL: nats per target token of the human references, lower is better" : "") + ".");
    }

    static Table FitTable(StudyAnalysis a)
    {
        var rows = a.Curves.Select(c => (IReadOnlyList<string>)(c.BleuFit is { } f
            ? [c.Condition, $"{(f.Intercept < 0 ? "−" : "")}{ReportFormat.Number(Math.Abs(f.Intercept), 2)} {(f.Slope >= 0 ? "+" : "−")} {ReportFormat.Number(Math.Abs(f.Slope), 2)}·ln(pairs)",
                ReportFormat.Number(f.Slope * Math.Log(2), 2), ReportFormat.Number(f.RSquared, 3), f.Points.ToString(System.Globalization.CultureInfo.InvariantCulture)]
            : [c.Condition, "fewer than two sizes finished", "—", "—", "—"])).ToList();
        return new Table(["condition", "fitted BLEU", "BLEU per doubling", "R²", "cells"], rows, [false, false, true, true, true],
            "Least-squares fit of BLEU = a + b·ln(pairs) over every finished cell; used for the exchange rate.");
    }

    static Table GapTable(StudyAnalysis a)
    {
        bool nll = a.Gaps.Any(g => g.Nll != null);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var g in a.Gaps)
        {
            var c = g.Difference;
            var row = new List<string> { g.Condition, ReportFormat.Count(g.Size), ReportFormat.Difference(c),
                ReportFormat.TestP(c.PValue), ReportFormat.TestP(g.Bleu.AdjustedP), VerdictText.Cell(g.Bleu),
                g.Chrf is { } chrf ? ReportFormat.Difference(chrf) : "—" };
            if (nll) row.AddRange(g.Nll is { } n ? [ReportFormat.Difference(n.Comparison, 3), VerdictText.Cell(n)] : ["—", "—"]);
            rows.Add(row);
        }
        string[] header = ["condition", "pairs", "gap BLEU [95% CI]", "p", "Holm p", "verdict", "gap chrF [95% CI]",
            .. (nll ? new[] { "gap test NLL [95% CI]", "NLL verdict" } : [])];
        return new Table(header, rows, [false, true, true, true, true, false, true, .. (nll ? new[] { true, false } : [])],
            $"Gap = condition − human (mean over each side's seeds; each seed's score is in the learning-curve table's intervals and the figure's dots). " +
            $"p: two-sided t on both sources of variance; Holm p: adjusted over the {a.Gaps.Count} gaps of this family. The 95% intervals are each " +
            "comparison's own, not adjusted for the family, so an interval can exclude 0 where the Holm-adjusted verdict is inconclusive. An inconclusive verdict gives " +
            "the seeds per condition that would decide it if the true difference were the observed one. " +
            $"Equivalence margin ±{ReportFormat.Number(a.Settings.EquivalenceMargin, 1)} BLEU" +
            (nll ? $", ±{ReportFormat.Number(a.Settings.NllMargin, 2)} nats for test NLL (lower NLL is better, so a positive NLL gap is worse)" : "") +
            $", α = {ReportFormat.Number(a.Settings.Alpha, 2)}.");
    }

    static Table ExchangeTable(StudyAnalysis a)
    {
        string Ratio(double v) => double.IsPositiveInfinity(v) ? "beyond the sizes run" : double.IsNegativeInfinity(v) ? "below the smallest size" : ReportFormat.Number(v, 2) + "×";
        var rows = a.ExchangeRates.Select(r => (IReadOnlyList<string>)
        [
            r.Condition, ReportFormat.Count(r.HumanSize), ReportFormat.Score(r.HumanBleu),
            r.Outcome == ExchangeOutcome.Reached ? ReportFormat.Count(r.Size!.Value) : ExchangeText(r),
            r.PairsPerHumanPair is { } ratio ? ReportFormat.Number(ratio, 2) + "×" : "—",
            r.Interval is var (low, high) ? $"[{Ratio(low)}, {Ratio(high)}]" : "—",
        ]).ToList();
        return new Table(["condition", "human pairs N", "human BLEU at N (fitted)", "condition pairs for that BLEU", "per human pair", "95% CI"], rows,
            [false, true, true, true, true, true],
            "95% CI: both curves refitted in each of the two-level bootstrap's resamples (seeds and test sentences).");
    }

    static void ReproducibilitySection(StudyAnalysis a, ReportDocument doc)
    {
        doc.Add(new Heading(2, "Reproducibility", "reproducibility"));
        string run = a.Run.ShownPath;
        doc.Add(new Paragraph("Re-run the study from its spec (cached artifacts are reused; a killed run resumes) and rebuild this report from the " +
            "finished cells without libtorch. The copy of the spec in the run directory resolves relative file paths against that directory, " +
            "so a spec that names files by relative paths is re-run from its original place with the same `--out`."));
        doc.Add(new Code($"./regurg study run {run}/spec.yaml --out {run}   # re-runs only what is not cached\n" +
            $"./regurg study report {run}   # rebuilds report.html, report.md and figures/", "bash"));
        if (a.Run.Gaps.Count > 0)
            doc.Add(new Callout(false, "This run directory was written by an older regurg; the report leaves out what it lacks", a.Run.Gaps));

        doc.Add(new Heading(3, "Run", "run"));
        var facts = Flatten(a.Run.Run).Where(f => !f.Key.StartsWith("stage_seconds", StringComparison.Ordinal)).ToList();
        doc.Add(facts.Count == 0 ? new Paragraph("run.json is missing.")
            : new Table(["fact", "value"], facts.Select(f => (IReadOnlyList<string>)[f.Key, f.Value]).ToList(), [false, false], "From run.json."));

        doc.Add(new Heading(3, "Time per stage", "time"));
        if (a.Run.Run.ValueKind == JsonValueKind.Object && a.Run.Run.TryGetProperty("stage_seconds", out var stages) && stages.ValueKind == JsonValueKind.Object)
        {
            var stageRows = stages.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number)
                .Select(p => (p.Name, Seconds: p.Value.GetDouble())).ToList();
            double total = stageRows.Sum(s => s.Seconds);
            doc.Add(new Table(["stage", "time", "share"],
                [.. stageRows.Select(s => (IReadOnlyList<string>)[s.Name, ReportFormat.Duration(s.Seconds), ReportFormat.Percent(total > 0 ? s.Seconds / total : double.NaN)]),
                 ["total", ReportFormat.Duration(total), ReportFormat.Percent(1)]],
                [false, true, true]));
        }
        else doc.Add(new Paragraph("run.json has no `stage_seconds`."));
        var cellSeconds = a.Run.Cells.Where(c => c.Seconds is not null).Select(c => c.Seconds!.Value).ToList();
        if (cellSeconds.Count > 0)
            doc.Add(new Paragraph($"Cells: {cellSeconds.Count} timed, {ReportFormat.Duration(cellSeconds.Sum())} in all, median {ReportFormat.Duration(Quantiles.Median(cellSeconds.Order().ToList()))} per cell."));

        doc.Add(new Heading(3, "Signatures", "signatures"));
        var signatures = new List<string>();
        foreach (var s in a.Run.Cells.Select(c => c.BleuSignature).Where(s => s != null).Distinct()) signatures.Add($"Student BLEU: `BLEU|{s}`");
        foreach (var s in a.Run.Cells.Select(c => c.ChrfSignature).Where(s => s != null).Distinct()) signatures.Add($"Student chrF: `chrF2|{s}`");
        signatures.Add($"Comparisons: two-level bootstrap over seeds and test sentences, {StudyInference.Resamples:N0} resamples, seed {StudyInference.Seed}; " +
            $"expanded percentile intervals; two-sided t tests, TOST, Holm within each family (docs/statistics.md); " +
            $"equivalence margin ±{ReportFormat.Number(a.Settings.EquivalenceMargin, 2)} BLEU, ±{ReportFormat.Number(a.Settings.NllMargin, 3)} NLL/token; α = {ReportFormat.Number(a.Settings.Alpha, 3)}, power {ReportFormat.Number(a.Settings.Power, 2)}");
        if (a.Data.Count > 0)
        {
            signatures.Add($"Data vs human targets: `BLEU|{a.Data[0].BleuSignature}`, `chrF2|{a.Data[0].ChrfSignature}`, `TER|{a.Data[0].TerSignature}` " +
                "(bootstrap 95% CI, 1,000 resamples, seed 12345)");
            var o = a.Data[0].Diversity.Options;
            signatures.Add($"Lexical diversity: `{a.Data[0].Diversity.Tokenizer}`, MATTR window {o.MattrWindow}, MTLD threshold {ReportFormat.Number(o.MtldThreshold, 2)}, " +
                $"HD-D sample {o.HddSampleSize}, {o.BootstrapSamples} resamples, seed {o.Seed}");
        }
        signatures.Add("Learning curves: mean over seeds, 95% two-level interval; exchange rate: least-squares BLEU = a + b·ln(pairs), interpolation only");
        signatures.Add($"Report: Regurgitate.Reports {typeof(StudyReport).Assembly.GetName().Version?.ToString(3)}, figures by ScottPlot " +
            $"{typeof(ScottPlot.Plot).Assembly.GetName().Version?.ToString(3)}; it reads only the files docs/run-directory.md lists");
        doc.Add(new BulletList(signatures));

        doc.Add(new Heading(3, "Spec as run", "spec"));
        doc.Add(a.Run.Spec.Length == 0 ? new Paragraph("spec.yaml is missing from the run directory.") : new Code(a.Run.Spec, "yaml"));
    }

    /// <summary>run.json as (dotted key, value) rows, nested objects flattened, arrays joined.</summary>
    internal static IEnumerable<KeyValuePair<string, string>> Flatten(JsonElement element, string prefix = "")
    {
        if (element.ValueKind != JsonValueKind.Object) yield break;
        foreach (var property in element.EnumerateObject())
        {
            string key = prefix.Length == 0 ? property.Name : prefix + "." + property.Name;
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Object)
                foreach (var inner in Flatten(value, key)) yield return inner;
            else yield return new(key, value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() ?? "",
                JsonValueKind.Null => "—",
                JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())),
                _ => value.GetRawText(),
            });
        }
    }
}
