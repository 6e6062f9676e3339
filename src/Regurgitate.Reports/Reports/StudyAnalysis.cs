using Regurgitate.Diversity;
using Regurgitate.Errors;
using Regurgitate.Metrics;
using Regurgitate.Metrics.Significance;
using Regurgitate.RunDirectories;
using Regurgitate.Statistics;

namespace Regurgitate.Reports;

/// <summary>
/// Everything a study report states, computed from a <see cref="RunDirectory"/>: learning curves, gaps to
/// <c>human</c> and strategy comparisons with their verdicts, exchange rates, the mechanisms measured on each
/// condition's data, and the sanity checks. Intervals, differences and verdicts come from one two-level
/// bootstrap per metric (<see cref="StudyInference"/>, docs/statistics.md). The renderers only format what is here.
/// </summary>
public sealed record StudyAnalysis(
    RunDirectory Run,
    StudyInference Inference,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<int> Sizes,
    IReadOnlyList<LearningCurve> Curves,
    IReadOnlyList<GapToHuman> Gaps,
    IReadOnlyList<StrategyComparison> Strategies,
    IReadOnlyList<ExchangeRate> ExchangeRates,
    IReadOnlyList<DataQuality> Data,
    IReadOnlyList<CellResult> FailedCells,
    IReadOnlyList<ScoreMismatch> Mismatches,
    IReadOnlyList<SanityCheck> Checks)
{
    /// <summary>The baseline condition every other is compared with.</summary>
    public const string Human = "human";

    /// <summary>Bootstrap resamples of the lexical diversity intervals.</summary>
    public const int DiversitySamples = 300;

    /// <summary>The spec's analysis settings (margin, level, power).</summary>
    public AnalysisSettings Settings => Inference.Settings;

    /// <summary>Whether every blocking check passed, so the report may draw conclusions.</summary>
    public bool Sane => Checks.All(c => c.Passed || !c.Blocking);

    /// <summary>The learning curve of <paramref name="condition"/>, or null.</summary>
    public LearningCurve? Curve(string condition) => Curves.FirstOrDefault(c => c.Condition == condition);

    /// <summary>Analyzes the run directory at <paramref name="path"/>.</summary>
    public static StudyAnalysis Of(string path) => Of(RunDirectory.Open(path));

    /// <summary>Analyzes <paramref name="run"/>.</summary>
    public static StudyAnalysis Of(RunDirectory run)
    {
        var statistics = CellStatistics.Read(run);
        var inference = StudyInference.Of(run, statistics);
        var conditions = run.Cells.Select(c => c.Condition).Distinct().ToList();
        var sizes = run.Cells.Select(c => c.Size).Distinct().Order().ToList();
        var curves = conditions.Select(c => CurveOf(run, inference, c, sizes)).ToList();
        var failed = run.Cells.Where(c => !c.Done).ToList();

        var diversityCache = new Dictionary<string, DiversityReport>();
        var data = run.Data.Select(d => Mechanisms(run, d, diversityCache)).ToList();
        var gaps = GapsOf(run, inference, conditions);
        var strategies = StrategiesOf(run, inference, conditions, data.ToDictionary(d => d.Condition, d => d.Chrf.Score), gaps);
        var exchange = ExchangeRatesOf(inference, curves);
        var analysis = new StudyAnalysis(run, inference, conditions, sizes, curves, gaps, strategies, exchange, data, failed, statistics.Mismatches, []);
        return analysis with { Checks = SanityChecks(analysis) };
    }

    /// <summary>
    /// Only the inference and the gaps to human of <paramref name="run"/>, without the mechanisms (which take most of a
    /// report's time): what planning seeds needs.
    /// </summary>
    public static (StudyInference Inference, IReadOnlyList<GapToHuman> Gaps) GapsOf(RunDirectory run)
    {
        var inference = StudyInference.Of(run, CellStatistics.Read(run));
        return (inference, GapsOf(run, inference, run.Cells.Select(c => c.Condition).Distinct().ToList()));
    }

    static LearningCurve CurveOf(RunDirectory run, StudyInference inference, string condition, IReadOnlyList<int> sizes)
    {
        var cells = run.Cells.Where(c => c.Condition == condition).ToList();
        var points = new List<CurvePoint>();
        // The two-level interval where the cell's sentence statistics were read; else the t interval over seeds.
        SeedSummary? Summary(StudyMetric metric, int size, IReadOnlyList<double> recorded) =>
            inference.Score(metric, condition, size) is { } score ? SeedSummary.Of(inference.SeedScores(metric, condition, size), score)
            : recorded.Count == 0 ? null : SeedSummary.Of(recorded);
        foreach (int size in sizes)
        {
            var at = cells.Where(c => c.Size == size).ToList();
            var done = at.Where(c => c.Done).ToList();
            if (done.Count == 0) continue;
            points.Add(new CurvePoint(size, Summary(StudyMetric.Bleu, size, done.Select(c => c.Bleu!.Value).ToList())!,
                Summary(StudyMetric.Chrf, size, done.Where(c => c.Chrf is not null).Select(c => c.Chrf!.Value).ToList()) ?? SeedSummary.Of([double.NaN]),
                Summary(StudyMetric.Nll, size, []), at.Count - done.Count));
        }
        var fit = LogLinearFit.Of(cells.Where(c => c.Done).Select(c => (c.Size, c.Bleu!.Value)).ToList());
        return new LearningCurve(condition, cells[0].ConditionType, points, fit);
    }

    // Each seed's BLEU of the two cells, paired by seed where both ran it (for reading; the inference does not pair seeds).
    static List<SeedPair> SeedPairs(RunDirectory run, string condition, string baseline, int size) =>
        run.Cells.Where(c => c.Condition == condition && c.Size == size && c.Done).OrderBy(c => c.Seed)
            .Select(c => (Cell: c, Partner: run.Cells.FirstOrDefault(h => h.Condition == baseline && h.Size == size && h.Seed == c.Seed && h.Done)))
            .Where(x => x.Partner != null).Select(x => new SeedPair(x.Cell.Seed, x.Partner!.Bleu!.Value, x.Cell.Bleu!.Value)).ToList();

    static List<GapToHuman> GapsOf(RunDirectory run, StudyInference inference, IReadOnlyList<string> conditions)
    {
        var pairs = new List<(string Condition, int Size)>();
        foreach (string condition in conditions.Where(c => c != Human))
            foreach (int size in run.Cells.Where(c => c.Condition == condition).Select(c => c.Size).Distinct().Order())
                if (inference.Has(StudyMetric.Bleu, condition, size) && inference.Has(StudyMetric.Bleu, Human, size)) pairs.Add((condition, size));
        // One family per metric: every gap to human of the report.
        var bleu = ComparisonFamily.Decide(pairs.Select(p => inference.Compare(StudyMetric.Bleu, p.Condition, p.Size, Human, p.Size)!).ToList(),
            inference.Settings.Alpha, inference.Settings.Power);
        var nllPairs = pairs.Where(p => inference.Has(StudyMetric.Nll, p.Condition, p.Size) && inference.Has(StudyMetric.Nll, Human, p.Size)).ToList();
        var nll = ComparisonFamily.Decide(nllPairs.Select(p => inference.Compare(StudyMetric.Nll, p.Condition, p.Size, Human, p.Size)!).ToList(),
            inference.Settings.Alpha, inference.Settings.Power);
        return pairs.Select((p, i) => new GapToHuman(p.Condition, p.Size, SeedPairs(run, p.Condition, Human, p.Size), bleu[i],
            inference.Compare(StudyMetric.Chrf, p.Condition, p.Size, Human, p.Size),
            nllPairs.IndexOf(p) is int k and >= 0 ? nll[k] : null)).ToList();
    }

    static List<StrategyComparison> StrategiesOf(RunDirectory run, StudyInference inference, IReadOnlyList<string> conditions, IReadOnlyDictionary<string, double> trainingChrf,
        IReadOnlyList<GapToHuman> gaps)
    {
        var rows = new List<(string Strategy, string Baseline, string Role, int Size, string? UnequalPool)>();
        foreach (string condition in conditions)
        {
            foreach (var group in run.Cells.Where(c => c.Condition == condition).GroupBy(c => c.Size).OrderBy(g => g.Key))
            {
                var first = group.First();
                if (!StrategyBaselines.StrategyTypes.Contains(first.ConditionType)) continue;
                foreach (var baseline in StrategyBaselines.For(first, group.Key, run.Cells, run.Data, trainingChrf))
                    if (inference.Has(StudyMetric.Bleu, condition, group.Key) && inference.Has(StudyMetric.Bleu, baseline.Condition, group.Key))
                        rows.Add((condition, baseline.Condition, baseline.Role, group.Key, baseline.UnequalPool));
            }
        }
        // One family: every strategy-vs-baseline comparison of the report.
        var decisions = ComparisonFamily.Decide(rows.Select(r => inference.Compare(StudyMetric.Bleu, r.Strategy, r.Size, r.Baseline, r.Size)!).ToList(),
            inference.Settings.Alpha, inference.Settings.Power);
        var draws = inference.Draws(StudyMetric.Bleu);
        return rows.Select((r, i) => new StrategyComparison(r.Strategy, r.Baseline, r.Role, r.Size, SeedPairs(run, r.Strategy, r.Baseline, r.Size), decisions[i],
            inference.Compare(StudyMetric.Chrf, r.Strategy, r.Size, r.Baseline, r.Size),
            // A share of the gap is of a synthetic baseline's gap, and exists only where that baseline is shown to be worse than human data.
            draws != null && r.Role is StrategyBaselines.PoolOrder or StrategyBaselines.BestSingle
                && gaps.Any(g => g.Condition == r.Baseline && g.Size == r.Size && g.Bleu.Verdict == Verdict.Worse)
                ? draws.GapShare(StudyInference.CellName(r.Strategy, r.Size), StudyInference.CellName(r.Baseline, r.Size), StudyInference.CellName(Human, r.Size))
                : null,
            r.UnequalPool)).ToList();
    }

    static List<ExchangeRate> ExchangeRatesOf(StudyInference inference, IReadOnlyList<LearningCurve> curves)
    {
        var human = curves.FirstOrDefault(c => c.Condition == Human);
        var rates = new List<ExchangeRate>();
        if (human?.BleuFit is not { } humanFit) return rates;
        var draws = inference.Draws(StudyMetric.Bleu);
        List<int> SizesWithStatistics(LearningCurve curve) =>
            curve.Points.Select(p => p.Size).Where(s => inference.Has(StudyMetric.Bleu, curve.Condition, s)).ToList();
        var humanSizes = SizesWithStatistics(human);
        foreach (var curve in curves.Where(c => c.Condition != Human))
        {
            var sizes = SizesWithStatistics(curve);
            foreach (var point in human.Points)
            {
                var rate = curve.BleuFit is { } fit
                    ? ExchangeRate.Between(curve.Condition, humanFit, fit, point.Size)
                    : new ExchangeRate(curve.Condition, point.Size, humanFit.At(point.Size), null, ExchangeOutcome.CurveDoesNotRise);
                rates.Add(draws == null ? rate : rate with { Interval = ExchangeRate.IntervalOf(draws, Human, humanSizes, curve.Condition, sizes, point.Size) });
            }
        }
        return rates;
    }

    static DataQuality Mechanisms(RunDirectory run, DataRow data, Dictionary<string, DiversityReport> cache)
    {
        var sources = run.ReadSegments(data.Sources);
        var targets = run.ReadSegments(data.Targets);
        var human = run.ReadSegments(data.HumanTargets);
        if (targets.Length != sources.Length || human.Length != sources.Length)
            throw new InputException($"{data.Condition}: {sources.Length} sources, {targets.Length} targets and {human.Length} human targets; they must be aligned",
                run.Resolve(data.Targets));

        var bleu = new Bleu();
        var chrf = new Chrf();
        var ter = new Ter();
        ScoreWithInterval Score(TranslationMetric metric)
        {
            var statistics = metric.Statistics(targets, [human]);
            return new ScoreWithInterval(statistics.Score().Score, ConfidenceEstimate.Estimate(statistics));
        }
        var bleuScore = Score(bleu);
        var chrfScore = Score(chrf);
        var terScore = Score(ter);

        var scripts = TargetScripts.For(data.TargetLanguage) ?? TargetScripts.For("en")!;
        var errors = ErrorAnalysis.Analyze(targets, sources, human, new ErrorOptions(scripts), new SacreBleuReferenceScorer());
        var shares = new List<ErrorShare>();
        foreach (var flag in new[] { ErrorFlags.Empty, ErrorFlags.CopiedSource, ErrorFlags.RepetitionLoop, ErrorFlags.LengthOutlier, ErrorFlags.ForeignScript })
            shares.Add(new ErrorShare(ErrorFlagNames.NameOf(flag), errors.Count(flag), targets.Length));
        double anyFlag = targets.Length == 0 ? 0 : (double)errors.FlaggedReferenceFree / targets.Length;

        var options = new DiversityOptions(BootstrapSamples: DiversitySamples);
        // Conditions share the human targets of the same sources, and the human condition's targets are those
        // targets again (in a file of its own): each distinct text is measured once, keyed by its content.
        DiversityReport DiversityOf(string label, string[] segments)
        {
            string key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", segments))));
            if (!cache.TryGetValue(key, out var report)) cache[key] = report = LexicalDiversity.Analyze(label, segments, options);
            return report;
        }
        var humanDiversity = DiversityOf("human targets", human);
        var diversity = DiversityOf(data.Condition, targets);
        // Diversity of the targets that raise no reference-free error signal: loops and copies change it without being vocabulary.
        var unflagged = targets.Where((_, i) => (errors.Segments[i].Flags & ~ErrorFlags.HighEditRate) == 0).ToArray();
        var unflaggedDiversity = unflagged.Length == targets.Length ? diversity : DiversityOf(data.Condition + " (unflagged)", unflagged);
        return new DataQuality(data.Condition, data.ConditionType, targets.Length, bleuScore, chrfScore, terScore, shares, anyFlag,
            errors.Share(ErrorFlags.HighEditRate), diversity, unflaggedDiversity, humanDiversity,
            bleu.SignatureFor(1).ToString(), chrf.SignatureFor(1).ToString(), ter.SignatureFor(1).ToString());
    }

    static List<SanityCheck> SanityChecks(StudyAnalysis a)
    {
        var checks = new List<SanityCheck>();
        var human = a.Curve(Human);
        if (human is null || human.Points.Count == 0)
            checks.Add(new SanityCheck("human curve rises with size", false, "no finished `human` cell: there is no baseline to compare with"));
        else if (human.Points.Count < 2)
            checks.Add(new SanityCheck("human curve rises with size", false, $"`human` finished at one size only ({human.Points[0].Size:N0} pairs)"));
        else
        {
            var small = human.Points[0];
            var large = human.Points[^1];
            string sizes = $"{ReportFormat.Pairs(small.Size)}: BLEU {ReportFormat.MeanCi(small.Bleu)}; {ReportFormat.Pairs(large.Size)}: BLEU {ReportFormat.MeanCi(large.Bleu)}";
            // The rise is the difference of the largest and the smallest size's students, with both sources of variance.
            var rise = a.Inference.Compare(StudyMetric.Bleu, Human, large.Size, Human, small.Size);
            if (rise is null || double.IsNaN(rise.Low))
                checks.Add(new SanityCheck("human curve rises with size", false,
                    sizes + " — " + (rise is null ? "the translations were not read (test.ref or test.hyp missing)" : "one seed per cell and no pooled seed variance give no interval") + ", so the rise cannot be checked"));
            else
            {
                bool rises = rise.Low > 0;
                checks.Add(new SanityCheck("human curve rises with size", rises,
                    $"{sizes}; rise {ReportFormat.Signed(rise.Difference)} BLEU, 95% interval [{ReportFormat.Signed(rise.Low)}, {ReportFormat.Signed(rise.High)}] " +
                    $"(seeds and test sentences{(rise.PooledSeeds ? ", seed variance pooled over all cells" : "")})" +
                    (rises ? " — above 0" : " — it includes 0 or lies below: the students did not learn measurably from more data")));
            }
        }

        var unscored = a.Run.Generators.Where(g => g.TestBleu is null).ToList();
        checks.Add(new SanityCheck("every generator's own test BLEU is known",
            unscored.Count == 0,
            a.Run.Generators.Count == 0 ? "generators.jsonl lists no generator"
                : string.Join("; ", a.Run.Generators.Select(g => $"{g.Generator}: {(g.TestBleu is { } b ? "BLEU " + ReportFormat.Score(b) : g.Error != null ? "failed" : "not scored")}")),
            Blocking: false));

        checks.Add(new SanityCheck("every cell finished", a.FailedCells.Count == 0,
            a.FailedCells.Count == 0 ? $"{a.Run.Cells.Count} of {a.Run.Cells.Count} cells finished"
                : $"{a.FailedCells.Count} of {a.Run.Cells.Count} cells failed (listed below): the means they belong to rest on fewer seeds, and a failure may hide a broken set-up"));

        checks.Add(new SanityCheck("results.jsonl agrees with the translations", a.Mismatches.Count == 0,
            a.Mismatches.Count == 0 ? "every finished cell's BLEU recomputed from its test.hyp matches results.jsonl"
                : string.Join("; ", a.Mismatches.Select(m => $"{m.Cell}: results.jsonl {ReportFormat.Score(m.Recorded)}, test.hyp {ReportFormat.Score(m.Recomputed)}"))));
        return checks;
    }
}

