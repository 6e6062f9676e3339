using ScottPlot;
using Regurgitate.Statistics;

namespace Regurgitate.Reports;

/// <summary>
/// The report's figures, drawn with ScottPlot: learning curves (mean over seeds with its
/// 95% interval, each seed as a dot), gaps to human, the mechanisms measured on the data,
/// and student BLEU against its data's divergence and diversity.
/// </summary>
public static class StudyFigures
{
    const int Width = 900, Height = 560;
    // Drawn at twice the size so the PNG stays sharp in print and on high-density screens.
    const float Scale = 2;

    /// <summary>The file name stems of every figure this class can draw.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["learning-curves-bleu", "learning-curves-chrf", "learning-curves-nll", "gap-to-human", "exchange-rate", "data-error-rates", "data-diversity", "student-vs-error-rate", "student-vs-diversity"];

    /// <summary>All figures the analysis supports, in report order.</summary>
    public static IReadOnlyList<ReportFigure> Draw(StudyAnalysis a)
    {
        var figures = new List<ReportFigure>();
        if (a.Curves.Any(c => c.Points.Count > 0))
        {
            figures.Add(LearningCurves(a, StudyMetric.Bleu));
            figures.Add(LearningCurves(a, StudyMetric.Chrf));
            if (a.Inference.Metrics.Contains(StudyMetric.Nll)) figures.Add(LearningCurves(a, StudyMetric.Nll));
        }
        if (a.Gaps.Count > 0) figures.Add(Gaps(a));
        if (a.ExchangeRates.Count > 0) figures.Add(Exchange(a));
        if (a.Data.Count > 0)
        {
            figures.Add(DataErrorRates(a));
            figures.Add(DataDiversity(a));
        }
        if (StudentVersusData(a) is { Count: > 0 } points)
        {
            figures.Add(StudentScatter(a, points, byDiversity: false));
            figures.Add(StudentScatter(a, points, byDiversity: true));
        }
        return figures;
    }

    /// <summary>The colour of a condition: human in black, the others from Category10, in condition order.</summary>
    internal static Color ColorOf(StudyAnalysis a, string condition)
    {
        if (condition == StudyAnalysis.Human) return Colors.Black;
        var palette = new ScottPlot.Palettes.Category10();
        int index = a.Conditions.Where(c => c != StudyAnalysis.Human).ToList().IndexOf(condition);
        return palette.GetColor(Math.Max(0, index));
    }

    static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot { ScaleFactor = Scale };
        // A sans-serif face reads better at figure sizes; Skia falls back to its default where DejaVu is missing.
        plot.Font.Set("DejaVu Sans");
        plot.Title(title, 19);
        plot.XLabel(xLabel, 16);
        plot.YLabel(yLabel, 16);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.1);
        plot.Legend.FontSize = 14;
        // Tick labels with a true minus sign, as in print ("−5", not "-5").
        static string Label(double v) => v.ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture).Replace('-', '−');
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Label };
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Label };
        return plot;
    }

    // A 95% interval as a capped vertical whisker from low to high (intervals need not be symmetric).
    static void Whisker(Plot plot, double x, double low, double high, Color color, double cap)
    {
        if (double.IsNaN(low) || double.IsNaN(high)) return;
        foreach (var (x1, y1, x2, y2) in new[] { (x, low, x, high), (x - cap, low, x + cap, low), (x - cap, high, x + cap, high) })
        {
            var line = plot.Add.Line(x1, y1, x2, y2);
            line.Color = color;
            line.LineWidth = 2;
        }
    }

    // Sizes on a log axis: positions are ln(size); the sizes run are ticks, labelled where the labels fit.
    static void LogSizeAxis(Plot plot, IReadOnlyList<int> sizes, int nudgedSeries = 1)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var labelled = LabelledSizes(sizes);
        foreach (int size in sizes)
        {
            if (labelled.Contains(size)) ticks.AddMajor(Math.Log(size), ReportFormat.Count(size));
            else ticks.AddMinor(Math.Log(size));
        }
        plot.Axes.Bottom.TickGenerator = ticks;
        if (sizes.Count > 0)
        {
            // Room for the outermost nudged series, so no marker is cut at the edge.
            double spread = Math.Abs(Nudge(0, nudgedSeries));
            var (lo, hi) = LogSizeLimits(sizes);
            plot.Axes.SetLimitsX(lo - spread, hi + spread);
        }
    }

    static (double Low, double High) LogSizeLimits(IReadOnlyList<int> sizes)
    {
        double lo = Math.Log(sizes[0]), hi = Math.Log(sizes[^1]), pad = Math.Max(0.08, (hi - lo) * 0.06);
        return (lo - pad, hi + pad);
    }

    // Share of the x range a size label needs ("8,000" at 14 px is ~45 px of the ~560 px data area
    // beside a right-hand legend, plus a gap).
    const double LabelSpan = 0.09;

    /// <summary>
    /// The sizes whose tick gets a label: the first, the last, and in between each one far enough on the
    /// log axis from the previous label not to overlap it (1k-8k in steps of 1k crowd at the top end).
    /// </summary>
    internal static IReadOnlySet<int> LabelledSizes(IReadOnlyList<int> sizes)
    {
        var kept = new List<int>();
        if (sizes.Count == 0) return new HashSet<int>();
        var (lo, hi) = LogSizeLimits(sizes);
        double minGap = LabelSpan * (hi - lo);
        foreach (int size in sizes)
            if (kept.Count == 0 || Math.Log(size) - Math.Log(kept[^1]) >= minGap) kept.Add(size);
        // The largest size is always labelled; it displaces the label before it if they would overlap.
        if (kept[^1] != sizes[^1])
        {
            if (Math.Log(sizes[^1]) - Math.Log(kept[^1]) < minGap && kept.Count > 1) kept.RemoveAt(kept.Count - 1);
            kept.Add(sizes[^1]);
        }
        return kept.ToHashSet();
    }

    // Scores are never negative (whiskers are cut at 0): the y axis stops just below 0.
    static void FloorAtZero(Plot plot)
    {
        plot.Axes.AutoScaleY();
        var limits = plot.Axes.GetLimits();
        if (limits.Bottom < 0 && limits.Top > 0) plot.Axes.SetLimitsY(-0.02 * limits.Top, limits.Top);
    }

    static ReportFigure Finish(Plot plot, string name, string title, string caption)
    {
        byte[] png = plot.GetImageBytes((int)(Width * Scale), (int)(Height * Scale), ImageFormat.Png);
        // The SVG is drawn at scale 1 so its nominal size is the figure's size.
        plot.ScaleFactor = 1;
        string svg = plot.GetSvgXml(Width, Height);
        return new ReportFigure(name, title, caption, png, svg);
    }

    static ReportFigure LearningCurves(StudyAnalysis a, StudyMetric metric)
    {
        string label = metric.Label();
        bool nll = metric == StudyMetric.Nll;
        SeedSummary? Of(CurvePoint p) => metric switch { StudyMetric.Bleu => p.Bleu, StudyMetric.Chrf => p.Chrf, _ => p.Nll };
        var plot = NewPlot($"Learning curves: test {label} against training size", "training pairs (log scale)",
            nll ? "test NLL (nats per token; lower is better)" : $"test {label} (sacreBLEU)");
        LogSizeAxis(plot, a.Sizes, a.Curves.Count(c => c.Points.Count > 0));
        var curves = a.Curves.Where(c => c.Points.Count > 0).ToList();
        for (int k = 0; k < curves.Count; k++)
        {
            var curve = curves[k];
            var color = ColorOf(a, curve.Condition);
            var points = curve.Points.Where(p => Of(p) is { } s && !double.IsNaN(s.Mean)).ToList();
            if (points.Count == 0) continue;
            // Conditions are nudged sideways a little so that their intervals do not hide each other.
            double nudge = Nudge(k, curves.Count);
            var xs = points.Select(p => Math.Log(p.Size) + nudge).ToArray();
            var summaries = points.Select(p => Of(p)!).ToList();
            for (int i = 0; i < xs.Length; i++)
                if (summaries[i].HasInterval) Whisker(plot, xs[i], Math.Max(0, summaries[i].Low), summaries[i].High, color.WithAlpha(0.75), 0.012);
            // Each seed's own score: from results.jsonl for BLEU and chrF, from the inference's seed scores for NLL.
            var seeds = points.SelectMany(p => a.Inference.SeedScores(metric, curve.Condition, p.Size).Select(v => (p.Size, Value: v)))
                .Concat(nll ? [] : a.Run.Cells.Where(c => c.Condition == curve.Condition && c.Done && a.Inference.SeedScores(metric, c.Condition, c.Size).Count == 0
                    && (metric == StudyMetric.Chrf ? c.Chrf : c.Bleu) is not null).Select(c => (c.Size, Value: (metric == StudyMetric.Chrf ? c.Chrf : c.Bleu)!.Value)))
                .ToList();
            var dots = plot.Add.ScatterPoints(seeds.Select(x => Math.Log(x.Size) + nudge).ToArray(), seeds.Select(x => x.Value).ToArray(), color.WithAlpha(0.5));
            dots.MarkerSize = 5;
            dots.MarkerShape = MarkerShape.OpenCircle;
            var line = plot.Add.Scatter(xs, summaries.Select(s => s.Mean).ToArray(), color);
            line.LineWidth = 2.5f;
            line.MarkerSize = 9;
            if (curve.Condition == StudyAnalysis.Human) line.LineWidth = 3.5f;
            int n = summaries.Max(s => s.N);
            line.LegendText = $"{curve.Condition} (n={n})";
        }
        if (!nll) FloorAtZero(plot);
        plot.ShowLegend(Edge.Right);
        return Finish(plot, "learning-curves-" + metric.ToString().ToLowerInvariant(), $"Learning curves ({label})",
            (nll ? "Test NLL per target token of the human references under each student (forced decoding; lower is better) "
                 : $"Test {label} of students ") +
            "against the number of training pairs (log scale). Filled markers joined by lines are the means over seeds " +
            "(n in the legend), whiskers the 95% interval over seeds and test sentences, open circles single seeds. " +
            "Conditions are shifted sideways slightly to keep the whiskers apart.");
    }

    static double Nudge(int index, int count) => (index - (count - 1) / 2.0) * 0.025;

    static ReportFigure Exchange(StudyAnalysis a)
    {
        var plot = NewPlot("Fitted learning curves and the exchange rate", "training pairs (log scale)", "test BLEU (sacreBLEU)");
        LogSizeAxis(plot, a.Sizes);
        var curves = a.Curves.Where(c => c.BleuFit is not null).ToList();
        for (int k = 0; k < curves.Count; k++)
        {
            var curve = curves[k];
            var fit = curve.BleuFit!;
            var color = ColorOf(a, curve.Condition);
            double lo = Math.Log(fit.MinSize), hi = Math.Log(fit.MaxSize);
            var xs = Enumerable.Range(0, 21).Select(i => lo + (hi - lo) * i / 20).ToArray();
            var line = plot.Add.Scatter(xs, xs.Select(x => fit.Intercept + fit.Slope * x).ToArray(), color);
            line.MarkerSize = 0;
            line.LineWidth = curve.Condition == StudyAnalysis.Human ? 3.5f : 2.5f;
            line.LegendText = $"{curve.Condition} (R² = {ReportFormat.Number(fit.RSquared, 2)})";
            var means = plot.Add.ScatterPoints(curve.Points.Select(p => Math.Log(p.Size)).ToArray(), curve.Points.Select(p => p.Bleu.Mean).ToArray(), color);
            means.MarkerSize = 8;
        }
        // The largest human size: its fitted BLEU as a dotted line, and where each condition's fit meets it.
        int largest = a.ExchangeRates.Max(r => r.HumanSize);
        var atLargest = a.ExchangeRates.Where(r => r.HumanSize == largest).ToList();
        var level = plot.Add.HorizontalLine(atLargest[0].HumanBleu, 1.5f, Colors.Black.WithAlpha(0.5));
        level.LinePattern = LinePattern.Dotted;
        level.LegendText = $"human BLEU at {ReportFormat.Count(largest)} pairs";
        foreach (var r in atLargest.Where(r => r.Size is not null))
        {
            var meet = plot.Add.ScatterPoints(new[] { Math.Log(r.Size!.Value) }, new[] { r.HumanBleu }, ColorOf(a, r.Condition));
            meet.MarkerShape = MarkerShape.OpenDiamond;
            meet.MarkerSize = 16;
            meet.MarkerLineWidth = 2.5f;
        }
        plot.ShowLegend(Edge.Right);
        return Finish(plot, "exchange-rate", "Fitted curves and exchange rate",
            "Least-squares fits BLEU = a + b·ln(pairs) over every finished cell of each condition, drawn over the sizes it was run at (dots: means over seeds). " +
            $"The dotted line is the human fit's BLEU at {ReportFormat.Count(largest)} pairs; an open diamond marks where a condition's fit reaches it within its sizes. " +
            "A condition without a diamond does not reach it within the sizes run.");
    }

    static ReportFigure Gaps(StudyAnalysis a)
    {
        var plot = NewPlot("Gap to the human-data student", "training pairs (log scale)", "BLEU difference to human (points)");
        LogSizeAxis(plot, a.Sizes, a.Gaps.Select(g => g.Condition).Distinct().Count());
        var zero = plot.Add.HorizontalLine(0, 1.5f, Colors.Black);
        zero.LinePattern = LinePattern.Dashed;
        var conditions = a.Gaps.Select(g => g.Condition).Distinct().ToList();
        for (int k = 0; k < conditions.Count; k++)
        {
            var gaps = a.Gaps.Where(g => g.Condition == conditions[k]).OrderBy(g => g.Size).ToList();
            var color = ColorOf(a, conditions[k]);
            // Conditions are nudged sideways a little so their intervals do not hide each other.
            double nudge = Nudge(k, conditions.Count);
            var xs = gaps.Select(g => Math.Log(g.Size) + nudge).ToArray();
            var ys = gaps.Select(g => g.Difference.Difference).ToArray();
            // The two-level interval need not be symmetric: each end drawn where it is.
            for (int i = 0; i < gaps.Count; i++)
                if (!double.IsNaN(gaps[i].Difference.Low)) Whisker(plot, xs[i], gaps[i].Difference.Low, gaps[i].Difference.High, color, 0.012);
            var line = plot.Add.Scatter(xs, ys, color);
            line.LineWidth = 2;
            line.MarkerSize = 8;
            int n = gaps.Max(g => g.Difference.SeedsA);
            line.LegendText = $"{conditions[k]} (n={n})";
        }
        plot.ShowLegend(Edge.Right);
        return Finish(plot, "gap-to-human", "Gap to human",
            "BLEU of each condition's students minus the human-data students' at the same size (means over seeds), with the 95% interval " +
            "over seeds and test sentences. " +
            "Below the dashed line the condition is worse than human data.");
    }

    // One dot per condition with its 95% interval as a whisker; a dot plot, not bars, so the axis need not start at 0.
    static ReportFigure Dots(StudyAnalysis a, string name, string title, string caption, string yLabel,
        IReadOnlyList<(string Condition, double Value, double Low, double High)> rows, double? humanLine, string? humanLabel)
    {
        var plot = NewPlot(title, "training targets of the condition", yLabel);
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        if (humanLine is double h)
        {
            var line = plot.Add.HorizontalLine(h, 1.5f, Colors.Black.WithAlpha(0.6));
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = humanLabel ?? "";
        }
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var color = ColorOf(a, r.Condition);
            Whisker(plot, i, r.Low, r.High, color, 0.08);
            var dot = plot.Add.ScatterPoints(new double[] { i }, new[] { r.Value }, color);
            dot.MarkerSize = 13;
            ticks.AddMajor(i, r.Condition);
        }
        plot.Axes.Bottom.TickGenerator = ticks;
        // Condition names side by side overlap beyond a handful of conditions: slant them, with room below.
        int longest = rows.Count == 0 ? 0 : rows.Max(r => r.Condition.Length);
        if (rows.Count * (longest + 2) * 8.5 > Width * 0.85)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = -35;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            plot.Axes.Bottom.MinimumSize = (float)(longest * 8.5 * Math.Sin(35 * Math.PI / 180) + 40);
        }
        var ys = rows.SelectMany(r => new[] { r.Value, r.Low, r.High }).Append(humanLine ?? double.NaN).Where(v => !double.IsNaN(v)).ToList();
        double lo = ys.Min(), hi = ys.Max(), pad = Math.Max(0.5, (hi - lo) * 0.12);
        // Scores and counts are not negative: the axis stops just below 0 rather than showing negative ticks.
        double bottom = lo >= 0 ? Math.Max(lo - pad, -0.03 * (hi - lo)) : lo - pad;
        plot.Axes.SetLimits(-0.6, rows.Count - 0.4, bottom, hi + pad);
        if (humanLine is not null) plot.ShowLegend(Edge.Bottom);
        return Finish(plot, name, title, caption);
    }

    static ReportFigure DataErrorRates(StudyAnalysis a) =>
        Dots(a, "data-error-rates", "Divergence of each condition's training targets from the human targets",
            "TER of each condition's training targets against the human targets of the same sources (higher: further from human; 0 for the human targets themselves; " +
            "it counts faithful paraphrase as well as error, so it is divergence, not an error rate), " +
            "with sacreBLEU's bootstrap 95% interval (1,000 resamples of segments).",
            "TER vs human targets (%)",
            a.Data.Select(d => (d.Condition, d.Ter.Score, d.Ter.Low, d.Ter.High)).ToList(), null, null);

    static ReportFigure DataDiversity(StudyAnalysis a)
    {
        var m = Regurgitate.Diversity.DiversityMeasure.Mtld;
        var human = a.Data[0].HumanDiversity[m];
        return Dots(a, "data-diversity", "Lexical diversity of each condition's training targets",
            $"MTLD (McCarthy & Jarvis 2010; higher: more diverse) of each condition's training targets with the bootstrap 95% interval " +
            $"({StudyAnalysis.DiversitySamples} resamples of segments); the dashed line is the human targets of the same sources.",
            "MTLD of the training targets",
            a.Data.Select(d => (d.Condition, d.Diversity[m].Value, d.Diversity[m].Low, d.Diversity[m].High)).ToList(),
            human.Value, "human targets of the same sources");
    }

    /// <summary>Per condition with data and a finished largest-size point: its student BLEU there and its data's TER and MTLD.</summary>
    internal static List<(string Condition, SeedSummary Bleu, int Size, DataQuality Data)> StudentVersusData(StudyAnalysis a)
    {
        var rows = new List<(string, SeedSummary, int, DataQuality)>();
        foreach (var data in a.Data)
        {
            var curve = a.Curve(data.Condition);
            if (curve is null || curve.Points.Count == 0) continue;
            var point = curve.Points[^1];
            rows.Add((data.Condition, point.Bleu, point.Size, data));
        }
        return rows;
    }

    static ReportFigure StudentScatter(StudyAnalysis a, List<(string Condition, SeedSummary Bleu, int Size, DataQuality Data)> points, bool byDiversity)
    {
        var m = Regurgitate.Diversity.DiversityMeasure.Mtld;
        string xLabel = byDiversity ? "MTLD of the training targets" : "divergence: TER of the training targets vs human (%)";
        var plot = NewPlot(byDiversity ? "Student BLEU against its data's diversity" : "Student BLEU against its data's divergence from human",
            xLabel, "student test BLEU at the largest size");
        foreach (var p in points)
        {
            var color = ColorOf(a, p.Condition);
            double x = byDiversity ? p.Data.Diversity[m].Value : p.Data.Ter.Score;
            double xLow = byDiversity ? p.Data.Diversity[m].Low : p.Data.Ter.Low, xHigh = byDiversity ? p.Data.Diversity[m].High : p.Data.Ter.High;
            if (p.Bleu.HasInterval)
            {
                var v = plot.Add.Line(x, p.Bleu.Low, x, p.Bleu.High);
                v.Color = color;
                v.LineWidth = 2;
            }
            if (!double.IsNaN(xLow))
            {
                var h = plot.Add.Line(xLow, p.Bleu.Mean, xHigh, p.Bleu.Mean);
                h.Color = color;
                h.LineWidth = 2;
            }
            var marker = plot.Add.ScatterPoints(new[] { x }, new[] { p.Bleu.Mean }, color);
            marker.MarkerSize = 11;
            marker.LegendText = $"{p.Condition} (n={p.Bleu.N})";
        }
        double r = Correlation.Pearson(points.Select(p => byDiversity ? p.Data.Diversity[m].Value : p.Data.Ter.Score).ToList(),
            points.Select(p => p.Bleu.Mean).ToList());
        string rText = double.IsNaN(r) ? "r not defined" : $"Pearson r = {ReportFormat.Correlation(r)}";
        plot.ShowLegend(Edge.Right);
        plot.Axes.Margins(0.15, 0.15);
        plot.Title((byDiversity ? "Student BLEU against its data's diversity" : "Student BLEU against its data's divergence from human") +
            $"\n{rText}, n = {points.Count} conditions", 17);
        return Finish(plot, byDiversity ? "student-vs-diversity" : "student-vs-error-rate",
            byDiversity ? "Student BLEU and data diversity" : "Student BLEU and data divergence",
            $"Each point is one condition: its students' mean test BLEU at the largest size (vertical bar: 95% interval over seeds and test sentences) against " +
            (byDiversity ? "the MTLD of its training targets" : "the TER of its training targets against the human ones") +
            $" (horizontal bar: bootstrap 95% interval). {rText} over {points.Count} conditions — too few points to be evidence on their own.");
    }
}
