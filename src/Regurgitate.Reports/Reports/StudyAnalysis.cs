using Regurgitate.Diversity;
using Regurgitate.Errors;
using Regurgitate.Metrics;
using Regurgitate.Metrics.Significance;
using Regurgitate.RunDirectories;
using Regurgitate.Statistics;

namespace Regurgitate.Reports;

/// <summary>
/// Everything a study report states, computed from a <see cref="RunDirectory"/>: learning
/// curves, gaps to <c>human</c> with paired tests, exchange rates, the mechanisms measured on each
/// condition's data, and the sanity checks. The renderers only format what is here.
/// </summary>
public sealed record StudyAnalysis(
    RunDirectory Run,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<int> Sizes,
    IReadOnlyList<LearningCurve> Curves,
    IReadOnlyList<GapToHuman> Gaps,
    IReadOnlyList<StrategyComparison> Strategies,
    IReadOnlyList<ExchangeRate> ExchangeRates,
    IReadOnlyList<DataQuality> Data,
    IReadOnlyList<CellResult> FailedCells,
    IReadOnlyList<ScoreMismatch> Mismatches,
    IReadOnlyList<SanityCheck> Checks,
    string? PairedSignature)
{
    /// <summary>The baseline condition every other is compared with.</summary>
    public const string Human = "human";

    /// <summary>Paired bootstrap resamples per comparison (sacreBLEU's default).</summary>
    public const int BootstrapSamples = PairedBootstrap.DefaultSamples;

    /// <summary>Bootstrap resamples of the lexical diversity intervals.</summary>
    public const int DiversitySamples = 300;

    /// <summary>Whether every blocking check passed, so the report may draw conclusions.</summary>
    public bool Sane => Checks.All(c => c.Passed || !c.Blocking);

    /// <summary>The learning curve of <paramref name="condition"/>, or null.</summary>
    public LearningCurve? Curve(string condition) => Curves.FirstOrDefault(c => c.Condition == condition);

    /// <summary>Analyzes the run directory at <paramref name="path"/>.</summary>
    public static StudyAnalysis Of(string path) => Of(RunDirectory.Open(path));

    /// <summary>Analyzes <paramref name="run"/>.</summary>
    public static StudyAnalysis Of(RunDirectory run)
    {
        var conditions = run.Cells.Select(c => c.Condition).Distinct().ToList();
        var sizes = run.Cells.Select(c => c.Size).Distinct().Order().ToList();
        var curves = conditions.Select(c => CurveOf(run, c, sizes)).ToList();
        var failed = run.Cells.Where(c => !c.Done).ToList();

        var (gaps, strategies, mismatches, pairedSignature) = PairedGaps(run, conditions);
        var exchange = ExchangeRatesOf(curves);
        var diversityCache = new Dictionary<string, DiversityReport>();
        var data = run.Data.Select(d => Mechanisms(run, d, diversityCache)).ToList();
        var analysis = new StudyAnalysis(run, conditions, sizes, curves, gaps, strategies, exchange, data, failed, mismatches, [], pairedSignature);
        return analysis with { Checks = SanityChecks(analysis) };
    }

    static LearningCurve CurveOf(RunDirectory run, string condition, IReadOnlyList<int> sizes)
    {
        var cells = run.Cells.Where(c => c.Condition == condition).ToList();
        var points = new List<CurvePoint>();
        foreach (int size in sizes)
        {
            var at = cells.Where(c => c.Size == size).ToList();
            var done = at.Where(c => c.Done).ToList();
            if (done.Count == 0) continue;
            points.Add(new CurvePoint(size, SeedSummary.Of(done.Select(c => c.Bleu!.Value).ToList()),
                SeedSummary.Of(done.Where(c => c.Chrf is not null).Select(c => c.Chrf!.Value).DefaultIfEmpty(double.NaN).ToList()),
                at.Count - done.Count));
        }
        var fit = LogLinearFit.Of(cells.Where(c => c.Done).Select(c => (c.Size, c.Bleu!.Value)).ToList());
        return new LearningCurve(condition, cells[0].ConditionType, points, fit);
    }

    static (List<GapToHuman>, List<StrategyComparison>, List<ScoreMismatch>, string?) PairedGaps(RunDirectory run, IReadOnlyList<string> conditions)
    {
        var gaps = new List<GapToHuman>();
        var strategies = new List<StrategyComparison>();
        var mismatches = new List<ScoreMismatch>();
        string testRef = run.Resolve("test.ref");
        if (!File.Exists(testRef)) return (gaps, strategies, mismatches, null);
        var reference = SegmentFile.Read(testRef);
        var bleu = new Bleu();
        var statistics = new Dictionary<string, SufficientStatistics>();
        SufficientStatistics? StatisticsOf(CellResult cell)
        {
            if (!cell.Done || cell.Hypotheses is null) return null;
            if (statistics.TryGetValue(cell.Cell, out var known)) return known;
            string path = run.Resolve(cell.Hypotheses);
            if (!File.Exists(path)) return null;
            var hypotheses = SegmentFile.Read(path);
            if (hypotheses.Length != reference.Length)
                throw new InputException($"{hypotheses.Length} translations but test.ref has {reference.Length} lines", path);
            var s = bleu.Statistics(hypotheses, [reference]);
            statistics[cell.Cell] = s;
            double recomputed = s.Score().Score;
            // A runner may round BLEU to one decimal (at most 0.05 off); anything further means the files disagree.
            if (Math.Abs(recomputed - cell.Bleu!.Value) > 0.05 + 1e-9) mismatches.Add(new ScoreMismatch(cell.Cell, cell.Bleu.Value, recomputed));
            return s;
        }

        string? signature = null;
        // Each cell against the baseline's cell of the same size and seed.
        List<SeedGap> Paired(IEnumerable<CellResult> cells, string baseline)
        {
            var seeds = new List<SeedGap>();
            foreach (var cell in cells.OrderBy(c => c.Seed))
            {
                var partner = run.Cells.FirstOrDefault(h => h.Condition == baseline && h.Size == cell.Size && h.Seed == cell.Seed);
                if (partner is null) continue;
                var baselineStatistics = StatisticsOf(partner);
                var cellStatistics = StatisticsOf(cell);
                if (baselineStatistics is null || cellStatistics is null) continue;
                var results = PairedBootstrap.Run(baselineStatistics, [cellStatistics], BootstrapSamples);
                signature ??= results[0].Score.Signature.ToString();
                seeds.Add(new SeedGap(cell.Seed, results[0].Score.Score, results[1].Score.Score, results[1].PValue!.Value));
            }
            return seeds;
        }
        foreach (string condition in conditions.Where(c => c != Human))
        {
            foreach (var group in run.Cells.Where(c => c.Condition == condition).GroupBy(c => c.Size).OrderBy(g => g.Key))
            {
                var seeds = Paired(group, Human);
                if (seeds.Count > 0)
                    gaps.Add(new GapToHuman(condition, group.Key, seeds, SeedSummary.Of(seeds.Select(s => s.Difference).ToList())));
                var first = group.First();
                if (!StrategyBaselines.StrategyTypes.Contains(first.ConditionType)) continue;
                foreach (var (role, baseline) in StrategyBaselines.For(first, group.Key, run.Cells))
                {
                    var versus = Paired(group, baseline);
                    if (versus.Count > 0)
                        strategies.Add(new StrategyComparison(condition, baseline, role, group.Key, versus, SeedSummary.Of(versus.Select(s => s.Difference).ToList())));
                }
            }
        }
        // Cells not reached by a comparison (human ones without partners, conditions without human) are still checked.
        foreach (var cell in run.Cells) StatisticsOf(cell);
        return (gaps, strategies, mismatches, signature);
    }

    static List<ExchangeRate> ExchangeRatesOf(IReadOnlyList<LearningCurve> curves)
    {
        var human = curves.FirstOrDefault(c => c.Condition == Human);
        var rates = new List<ExchangeRate>();
        if (human?.BleuFit is not { } humanFit) return rates;
        foreach (var curve in curves.Where(c => c.Condition != Human))
        {
            foreach (var point in human.Points)
            {
                rates.Add(curve.BleuFit is { } fit
                    ? ExchangeRate.Between(curve.Condition, humanFit, fit, point.Size)
                    : new ExchangeRate(curve.Condition, point.Size, humanFit.At(point.Size), null, ExchangeOutcome.CurveDoesNotRise));
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
        return new DataQuality(data.Condition, data.ConditionType, targets.Length, bleuScore, chrfScore, terScore, shares, anyFlag,
            errors.Share(ErrorFlags.HighEditRate), diversity, humanDiversity,
            bleu.SignatureFor(1).ToString(), chrf.SignatureFor(1).ToString(), ter.SignatureFor(1).ToString());
    }

    /// <summary>
    /// The seed standard deviation of BLEU pooled over every group of cells with two or more seeds,
    /// √(Σ (nᵢ−1)·sᵢ² / Σ (nᵢ−1)), and its degrees of freedom Σ (nᵢ−1); null when no group has two seeds.
    /// </summary>
    public static (double Deviation, int DegreesOfFreedom)? PooledSeedDeviation(IEnumerable<LearningCurve> curves)
    {
        double sum = 0;
        int freedom = 0;
        foreach (var point in curves.SelectMany(c => c.Points).Where(p => p.Bleu.N >= 2))
        {
            sum += (point.Bleu.N - 1) * point.Bleu.StandardDeviation * point.Bleu.StandardDeviation;
            freedom += point.Bleu.N - 1;
        }
        return freedom == 0 ? null : (Math.Sqrt(sum / freedom), freedom);
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
            // Two or three seeds give a t-interval of one group so wide (t = 12.7 at one degree of freedom) that it
            // could not tell a learning curve from noise. Seed variance is a property of the training procedure, so
            // it is pooled over every group of cells (condition x size), as one-way ANOVA does.
            var pooled = PooledSeedDeviation(a.Curves);
            if (pooled is not var (deviation, freedom))
                checks.Add(new SanityCheck("human curve rises with size", false,
                    $"{ReportFormat.Pairs(small.Size)}: BLEU {ReportFormat.MeanCi(small.Bleu)}; {ReportFormat.Pairs(large.Size)}: BLEU {ReportFormat.MeanCi(large.Bleu)} — one seed gives no interval (no group of cells has two seeds), so the rise cannot be checked"));
            else
            {
                double t = StudentT.Quantile975(freedom);
                double smallHigh = small.Bleu.Mean + t * deviation / Math.Sqrt(small.Bleu.N);
                double largeLow = large.Bleu.Mean - t * deviation / Math.Sqrt(large.Bleu.N);
                bool apart = largeLow > smallHigh;
                string detail = $"{ReportFormat.Pairs(small.Size)}: BLEU {ReportFormat.Score(small.Bleu.Mean)} ± {ReportFormat.Score(t * deviation / Math.Sqrt(small.Bleu.N))} (n={small.Bleu.N}); "
                    + $"{ReportFormat.Pairs(large.Size)}: BLEU {ReportFormat.Score(large.Bleu.Mean)} ± {ReportFormat.Score(t * deviation / Math.Sqrt(large.Bleu.N))} (n={large.Bleu.N}); "
                    + $"95% intervals from the seed standard deviation pooled over all groups of cells ({ReportFormat.Score(deviation)} BLEU, {freedom} degrees of freedom)";
                checks.Add(new SanityCheck("human curve rises with size", apart,
                    detail + (apart
                        ? " — the intervals of the smallest and largest size are apart"
                        : " — the intervals of the smallest and largest size overlap or the curve falls: the students did not learn from more data")));
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

/// <summary>A cell whose BLEU in results.jsonl differs from the BLEU of its test.hyp.</summary>
public sealed record ScoreMismatch(string Cell, double Recorded, double Recomputed);
