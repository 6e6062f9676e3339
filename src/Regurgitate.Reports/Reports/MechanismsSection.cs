using Regurgitate.Diversity;
using Regurgitate.Statistics;

namespace Regurgitate.Reports;

/// <summary>
/// The report's section on the mechanisms measured on each condition's training data: divergence from the human
/// targets, reference-free error signals, lexical diversity (also of the unflagged targets), each mix next to its
/// parts, and student BLEU against its data's measures.
/// </summary>
internal static class MechanismsSection
{
    /// <summary>Adds the section; <paramref name="addFigure"/> places a figure by name.</summary>
    public static void Add(StudyAnalysis a, ReportDocument doc, Action<string> addFigure)
    {
        doc.Add(new Heading(2, "Mechanisms: errors and diversity of the training data", "mechanisms"));
        if (a.Data.Count == 0)
        {
            doc.Add(new Paragraph("data.jsonl lists no condition's data, so the mechanisms cannot be measured."));
            return;
        }
        doc.Add(new Paragraph("The paper traces the cost of regurgitative training to (1) a higher error rate and (2) a lower lexical diversity of " +
            "machine-made data. Both are measured here on each condition's training pairs at its largest size, and each column means one thing: " +
            "the **error-flag rate** is the share of targets that raise a reference-free error signal (a copy of the source, a repetition loop, " +
            "a length outlier, the wrong script, an empty line); the **divergence** from the human targets of the same sources (TER, BLEU, chrF) " +
            "counts a faithful paraphrase as much as an error, so it is not an error rate; **diversity** is also given on the unflagged targets " +
            "alone. Corpus scores come with sacreBLEU's bootstrap 95% interval (1,000 resamples); shares of flagged segments with a Wilson 95% interval."));
        var described = a.Data.Select(d => (Quality: d, Row: a.Run.Data.FirstOrDefault(r => r.Condition == d.Condition)))
            .Where(x => x.Row is { } r && (r.Description != null || r.DistinctSources is int n && n < x.Quality.Segments)).ToList();
        if (described.Count > 0)
            doc.Add(new BulletList(described.Select(x => $"**{x.Quality.Condition}**: {x.Row!.Description ?? x.Row.ConditionType}" +
                (x.Row.DistinctSources is int sources && sources < x.Quality.Segments ? $"; at the largest size {ReportFormat.Count(x.Quality.Segments)} pairs from {ReportFormat.Count(sources)} distinct sources" : "") +
                ".").ToList()));
        doc.Add(new Heading(3, "Divergence from the human targets", "errors"));
        doc.Add(new Table(["condition", "pairs", "BLEU vs human", "chrF vs human", "TER vs human", "segments with TER > 0.5"],
            a.Data.Select(d => (IReadOnlyList<string>)[d.Condition, ReportFormat.Count(d.Segments), PlusMinus(d.Bleu), PlusMinus(d.Chrf), PlusMinus(d.Ter),
                ReportFormat.Percent(d.HighEditRateShare)]).ToList(),
            [false, true, true, true, true, true],
            $"Corpus scores of the condition's targets against the human targets of the same sources, ± half the bootstrap 95% interval " +
            $"(`BLEU|{a.Data[0].BleuSignature}`, `TER|{a.Data[0].TerSignature}`). The human condition's own targets score 100 / 0 by construction. " +
            "Last column: segments whose sentence TER edit rate exceeds 0.5."));
        doc.Add(new Heading(3, "Reference-free error signals", "signals"));
        string[] signals = ["copied_source", "repetition_loop", "length_outlier", "foreign_script", "empty"];
        doc.Add(new Table(["condition", "copies of the source", "repetition loops", "length outliers", "wrong script", "empty", "any signal"],
            a.Data.Select(d => (IReadOnlyList<string>)[d.Condition, .. signals.Select(signal => ShareText(d.Errors.First(x => x.Signal == signal))),
                ReportFormat.Percent(d.AnyReferenceFreeFlag)]).ToList(),
            [false, true, true, true, true, true, true],
            "Reference-free error signals of `regurg errors` (no human target needed): share of segments flagged [Wilson 95% interval]. " +
            "Length outliers: robust z-score of the target/source length ratio beyond 3.5, against the human targets' ratios; " +
            $"wrong script: ≥ 10% of letters outside the target language's script ({ScriptText(a.Run.Data.FirstOrDefault()?.TargetLanguage ?? "")})."));
        addFigure("data-error-rates");

        doc.Add(new Heading(3, "Lexical diversity", "diversity"));
        var measures = new[] { DiversityMeasure.Mtld, DiversityMeasure.Mattr, DiversityMeasure.Distinct2, DiversityMeasure.Vocabulary };
        var diversityRows = new List<IReadOnlyList<string>>();
        var humanReport = a.Data[0].HumanDiversity;
        diversityRows.Add(["human targets", ReportFormat.Count(humanReport.Tokens), .. measures.Select(m => StudyReport.Estimate(humanReport[m], Digits(m))), "—", "—"]);
        // A condition whose targets are the human targets (the human condition) would repeat the reference row.
        foreach (var d in a.Data.Where(d => !ReferenceEquals(d.Diversity, d.HumanDiversity)))
        {
            var difference = LexicalDiversity.Compare(d.HumanDiversity, d.Diversity, DiversityMeasure.Mtld);
            diversityRows.Add([d.Condition, ReportFormat.Count(d.Diversity.Tokens), .. measures.Select(m => StudyReport.Estimate(d.Diversity[m], Digits(m))),
                ReferenceEquals(d.UnflaggedDiversity, d.Diversity) ? "(none flagged)" : StudyReport.Estimate(d.UnflaggedDiversity[DiversityMeasure.Mtld]),
                difference switch
                {
                    DiversityDifference.LessDiverse => "less diverse",
                    DiversityDifference.MoreDiverse => "more diverse",
                    DiversityDifference.Overlapping => "overlapping",
                    _ => "n/a",
                }]);
        }
        doc.Add(new Table(["training targets", "tokens", .. measures.Select(m => m.Name), "MTLD of unflagged targets", "MTLD vs human"], diversityRows,
            [false, true, .. measures.Select(_ => true), true, false],
            $"Value [bias-corrected bootstrap 95% interval, {StudyAnalysis.DiversitySamples} resamples of segments], tokenized `{humanReport.Tokenizer}`. " +
            "MTLD: McCarthy & Jarvis 2010; MATTR: Covington & McFall 2010 (window 50); dist-2: distinct bigrams / bigrams; vocab: distinct tokens. " +
            "MTLD of unflagged targets: the same measure on the targets that raise no reference-free error signal. " +
            "\"less/more diverse\" only when the intervals are apart."));
        addFigure("data-diversity");
        MixParts(a, doc);

        doc.Add(new Heading(3, "Student BLEU against its data's errors, divergence and diversity", "relation"));
        var rel = StudyFigures.StudentVersusData(a);
        if (rel.Count == 0)
        {
            doc.Add(new Paragraph("No condition has both data measurements and finished students."));
            return;
        }
        double rTer = Correlation.Pearson(rel.Select(r => r.Data.Ter.Score).ToList(), rel.Select(r => r.Bleu.Mean).ToList());
        double rFlags = Correlation.Pearson(rel.Select(r => r.Data.AnyReferenceFreeFlag).ToList(), rel.Select(r => r.Bleu.Mean).ToList());
        double rMtld = Correlation.Pearson(rel.Select(r => r.Data.Diversity[DiversityMeasure.Mtld].Value).ToList(), rel.Select(r => r.Bleu.Mean).ToList());
        doc.Add(new Paragraph($"Across the {rel.Count} conditions, Pearson r between student BLEU (largest size) and the data's error-flag rate is " +
            $"**{ReportFormat.Correlation(rFlags)}**, with its divergence (TER) **{ReportFormat.Correlation(rTer)}**, and with its MTLD **{ReportFormat.Correlation(rMtld)}** " +
            $"(n = {rel.Count} conditions{(rel.Count < 3 ? "; r needs at least 3" : "")}). **Caution:** with so few points a correlation describes these conditions only; " +
            "error rate and diversity also move together across generators, so neither is isolated here."));
        addFigure("student-vs-error-rate");
        addFigure("student-vs-diversity");
        doc.Add(new Table(["condition", "pairs", "student BLEU [95% CI] (n)", "error-flag rate", "divergence: TER vs human", "MTLD", "MTLD of unflagged"],
            rel.Select(r => (IReadOnlyList<string>)[r.Condition, ReportFormat.Count(r.Size), ReportFormat.MeanCi(r.Bleu),
                ReportFormat.Percent(r.Data.AnyReferenceFreeFlag),
                $"{ReportFormat.Score(r.Data.Ter.Score)} ± {ReportFormat.Score(r.Data.Ter.Interval.HalfWidth)}", StudyReport.Estimate(r.Data.Diversity[DiversityMeasure.Mtld]),
                StudyReport.Estimate(r.Data.UnflaggedDiversity[DiversityMeasure.Mtld])]).ToList(),
            [false, true, true, true, true, true, true],
            "Error-flag rate: share of training targets with a reference-free error signal. Divergence: TER against the human targets of the same sources, which counts paraphrase too."));
    }

    /// <summary>Each mix's (and multi's) lexical diversity next to its single-origin parts: the human targets and each generator's `synthetic` condition.</summary>
    static void MixParts(StudyAnalysis a, ReportDocument doc)
    {
        var m = DiversityMeasure.Mtld;
        var rows = new List<IReadOnlyList<string>>();
        foreach (var d in a.Data.Where(d => d.ConditionType is "mix" or "multi"))
        {
            var row = a.Run.Data.FirstOrDefault(r => r.Condition == d.Condition);
            if (row is null) continue;
            var parts = new List<string>();
            foreach (string generator in row.Generators)
            {
                var single = a.Run.Data.FirstOrDefault(r => r.ConditionType == "synthetic" && r.Generators.Count == 1 && r.Generators[0] == generator);
                var quality = single is null ? null : a.Data.FirstOrDefault(q => q.Condition == single.Condition);
                parts.Add(quality is null ? $"{generator}: not measured (no `synthetic: {generator}` condition)" : $"{generator} ({quality.Condition}) {StudyReport.Estimate(quality.Diversity[m])}");
            }
            rows.Add([d.Condition, StudyReport.Estimate(d.Diversity[m]), StudyReport.Estimate(d.HumanDiversity[m]), string.Join("; ", parts)]);
        }
        if (rows.Count == 0) return;
        doc.Add(new Table(["mix", "MTLD of the mix", "human targets of its sources", "each generator alone"], rows, [false, true, true, false],
            "Each mix's lexical diversity next to its single-origin parts: the human targets of the same sources, and each generator's own " +
            "`synthetic` condition, all measured on training targets at the largest size. A mix of distinct generators can be more diverse than each alone."));
    }

    static string ScriptText(string language) =>
        Regurgitate.Errors.TargetScripts.For(language) is { } scripts
            ? $"target language `{language}`: {string.Join(", ", scripts.Order())}"
            : $"target language `{language}` is not in the script table: Latin assumed";

    static string PlusMinus(ScoreWithInterval s) => $"{ReportFormat.Score(s.Score)} ± {ReportFormat.Score(s.Interval.HalfWidth)}";

    static string ShareText(ErrorShare e)
    {
        var (lo, hi) = e.Interval;
        return $"{ReportFormat.Percent(e.Share)} [{ReportFormat.Number(100 * lo, 1)}, {ReportFormat.Number(100 * hi, 1)}]";
    }

    static int Digits(DiversityMeasure m) =>
        m == DiversityMeasure.Vocabulary ? 0 : m == DiversityMeasure.Mtld ? 1 : m == DiversityMeasure.Entropy ? 2 : 3;
}
