using System.Text.RegularExpressions;
using System.Xml.Linq;
using Regurgitate.Diversity;
using Regurgitate.Reports;
using Regurgitate.Statistics;

namespace Regurgitate.Tests.Reports;

/// <summary>The report of a run directory made of WMT17 systems' real outputs (see <see cref="RunDirectoryFixture"/>).</summary>
public class StudyReportTests(WrittenReport report, ITestOutputHelper output) : IClassFixture<WrittenReport>
{
    static readonly string[] FigureNames =
        ["learning-curves-bleu", "learning-curves-chrf", "gap-to-human", "exchange-rate", "data-error-rates", "data-diversity", "student-vs-error-rate", "student-vs-diversity"];

    // A Markdown table row, whatever the padding: "| a | b |" matches "|   a |  b    |".
    static bool HasRow(string markdown, params string[] cells) =>
        Regex.IsMatch(markdown, @"^\|\s*" + string.Join(@"\s*\|\s*", cells.Select(Regex.Escape)) + @"\s*\|", RegexOptions.Multiline);

    [Fact]
    public void Every_cells_bleu_is_recomputed_from_its_translations_and_gaps_use_both_sources_of_variance()
    {
        var a = report.Analysis;
        Assert.Equal(9, a.Gaps.Count); // 3 conditions × 3 sizes
        foreach (var gap in a.Gaps)
        {
            double Mean(string condition) => RunDirectoryFixture.Cells[condition][gap.Size].Average(s => RunDirectoryFixture.Expected(s).Bleu);
            // Each seed's corpus BLEU recomputed from test.hyp is sacreBLEU's (expected-sacrebleu-2.6.0.json rounds to 4 decimals).
            var seeds = a.Inference.SeedScores(StudyMetric.Bleu, gap.Condition, gap.Size);
            Assert.Equal(RunDirectoryFixture.Cells[gap.Condition][gap.Size].Select(s => RunDirectoryFixture.Expected(s).Bleu), seeds, (x, y) => Math.Abs(x - y) < 4e-4);
            Assert.Equal(Mean(gap.Condition) - Mean("human"), gap.Difference.Difference, 4e-4);
            Assert.True(gap.Difference.Low < gap.Difference.Difference && gap.Difference.Difference < gap.Difference.High);
            Assert.True(gap.Difference.SentenceVariance >= 0 && gap.Difference.SeedVariance > 0);
            Assert.InRange(gap.Difference.PValue, 0, 1);
            Assert.True(gap.Bleu.AdjustedP >= gap.Difference.PValue);
            Assert.NotNull(gap.Chrf);
            Assert.Null(gap.Nll); // the fixture records no test NLL
        }
        // Sampling the test sentences adds variance beyond the seeds' own: the sentence part is not 0 everywhere.
        Assert.Contains(a.Gaps, g => g.Difference.SentenceVariance > 0);
        Assert.Empty(a.Mismatches);
    }

    [Fact]
    public void Learning_curve_intervals_come_from_seeds_and_sentences_and_stay_inside_the_metrics_range()
    {
        double xmu = RunDirectoryFixture.Expected("xmu.4910.de").Bleu, systran = RunDirectoryFixture.Expected("SYSTRAN.4847.de").Bleu;
        var point = report.Analysis.Curve("human")!.At(4000)!;
        double mean = (xmu + systran) / 2;
        Assert.Equal(2, point.Bleu.N);
        Assert.Equal(mean, point.Bleu.Mean, 4e-4);
        Assert.True(point.Bleu.Low < mean && mean < point.Bleu.High);
        Assert.True(HasRow(report.Markdown, "human", "4,000", "2", ReportFormat.Score(point.Bleu.Mean),
            $"[{ReportFormat.Score(point.Bleu.Low)}, {ReportFormat.Score(point.Bleu.High)}]"), "the learning-curve table lacks the human 4,000 row");
        Assert.Equal(4 * 3, report.Analysis.Curves.Sum(c => c.Points.Count));
        foreach (var p in report.Analysis.Curves.SelectMany(c => c.Points))
        {
            Assert.InRange(p.Bleu.Low, 0, 100);
            Assert.InRange(p.Bleu.High, 0, 100);
            Assert.InRange(p.Chrf.Low, 0, 100);
        }
    }

    [Fact]
    public void A_sane_study_states_its_conclusions_in_the_four_words()
    {
        Assert.True(report.Analysis.Sane, string.Join("; ", report.Analysis.Checks.Where(c => !c.Passed).Select(c => c.Detail)));
        Assert.Contains("Sanity checks passed", report.HtmlText);
        Assert.DoesNotContain("FAILED", report.HtmlText);
        // The weak systems are 5 BLEU below the human cells' systems at 1,000 pairs in both seeds: a gap that size is called.
        var weak = report.Analysis.Gaps.Single(g => g.Condition == "synthetic-weak" && g.Size == 1000);
        Assert.True(weak.Difference.Difference < -4);
        Assert.Equal(Verdict.Worse, weak.Bleu.Verdict);
        var strong = report.Analysis.Gaps.Single(g => g.Condition == "synthetic-strong" && g.Size == 4000);
        Assert.Contains($"**synthetic-strong** against human data: at 4,000 pairs the gap is {VerdictText.Full(strong.Bleu, 0.8)}", report.Markdown);
        Assert.Contains("## How comparisons are decided", report.Markdown);
        foreach (var gap in report.Analysis.Gaps)
            Assert.Contains(gap.Bleu.Words, new[] { "better", "worse", "equivalent within ±1.0", "inconclusive" });
        // Every generator's own score is shown with its name.
        Assert.True(HasRow(report.Markdown, "weak", "file", "WMT17 online-F outputs", "15.5", "49.3"));
        Assert.True(HasRow(report.Markdown, "strong", "file", "WMT17 uedin-nmt outputs", "28.3", "57.7"));
    }

    [Fact]
    public void Exchange_rates_are_read_off_the_fitted_curves()
    {
        var a = report.Analysis;
        var human = a.Curve("human")!.BleuFit!;
        foreach (var rate in a.ExchangeRates)
        {
            var fit = a.Curve(rate.Condition)!.BleuFit!;
            Assert.Equal(human.At(rate.HumanSize), rate.HumanBleu, 1e-9);
            if (rate.Outcome == ExchangeOutcome.Reached) Assert.Equal(rate.HumanBleu, fit.At(rate.Size!.Value), 1e-6);
        }
        // The weak generator's students stay below the human curve everywhere.
        Assert.All(a.ExchangeRates.Where(r => r.Condition == "synthetic-weak"), r => Assert.Equal(ExchangeOutcome.NotReached, r.Outcome));
        Assert.Contains("**synthetic-weak** does **not reach it within the sizes run**", report.Markdown);
        // Intervals refit both curves in every resample: a rate not reached within the sizes run has an open upper end,
        // and a reached one lies inside its interval.
        Assert.All(a.ExchangeRates, r => Assert.NotNull(r.Interval));
        Assert.All(a.ExchangeRates.Where(r => r.Condition == "synthetic-weak"), r => Assert.True(double.IsPositiveInfinity(r.Interval!.Value.High)));
        foreach (var r in a.ExchangeRates.Where(r => r.Outcome == ExchangeOutcome.Reached))
            Assert.InRange(r.PairsPerHumanPair!.Value, r.Interval!.Value.Low, r.Interval.Value.High);
        Assert.Contains("beyond the sizes run]", report.Markdown);
    }

    [Fact]
    public void Mechanisms_score_each_conditions_targets_against_the_human_targets()
    {
        var weak = report.Analysis.Data.Single(d => d.Condition == "synthetic-weak");
        // The weak condition's targets are online-F's outputs and the human targets newstest2017's reference:
        // exactly sacreBLEU's published system scores.
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(TestData.PathOf(RunDirectoryFixture.Systems, "expected-sacrebleu-2.6.0.json")));
        var expected = json.RootElement.GetProperty("online-F.0.de");
        Assert.Equal(expected.GetProperty("bleu").GetProperty("score").GetDouble(), weak.Bleu.Score, 4e-4);
        Assert.Equal(expected.GetProperty("chrf").GetProperty("score").GetDouble(), weak.Chrf.Score, 4e-4);
        Assert.Equal(expected.GetProperty("ter").GetProperty("score").GetDouble(), weak.Ter.Score, 4e-4);
        Assert.InRange(weak.Ter.Interval.HalfWidth, 0.1, 3);
        Assert.Equal(3004, weak.Segments);
        // The reference's vocabulary (LexicalDiversity documents 12,962 types under 13a) and an interval around each measure.
        Assert.Equal(12962, weak.HumanDiversity[DiversityMeasure.Vocabulary].Value);
        Assert.True(weak.Diversity[DiversityMeasure.Mtld].HasInterval);
        var human = report.Analysis.Data.Single(d => d.Condition == "human");
        Assert.Equal(100, human.Bleu.Score, 1e-9);
        // Its targets are the human targets (another file, same text): measured once, and listed once in the diversity table.
        Assert.Same(human.HumanDiversity, human.Diversity);
        Assert.Same(human.HumanDiversity, weak.HumanDiversity);
        Assert.True(HasRow(report.Markdown, "human targets", "61,287"));
        Assert.False(HasRow(report.Markdown, "human", "61,287"));
        Assert.Equal(0, human.Ter.Score, 1e-9);
        Assert.Contains("### Lexical diversity", report.Markdown);
        Assert.Contains("target language `de`: Latin", report.Markdown);
        Assert.Contains("Pearson r between student BLEU", report.Markdown);
        // Errors and divergence are separate columns; diversity is also measured on the targets without an error signal.
        int flagged = (int)Math.Round(weak.AnyReferenceFreeFlag * weak.Segments);
        Assert.True(flagged > 0);
        Assert.Equal(weak.Segments - flagged, weak.UnflaggedDiversity.Segments);
        // Human targets raise signals too (length outliers of real translations): the measure is the same for every condition.
        Assert.Equal(human.Segments - (int)Math.Round(human.AnyReferenceFreeFlag * human.Segments), human.UnflaggedDiversity.Segments);
        Assert.Contains("| error-flag rate | divergence: TER vs human |", Regex.Replace(report.Markdown, @" +", " "));
        Assert.Contains("MTLD of unflagged targets", report.Markdown);
    }

    [Fact]
    public void Each_mix_shows_its_lexical_diversity_next_to_its_single_generator_parts()
    {
        var mix = report.Analysis.Data.Single(d => d.Condition == "mix");
        var weak = report.Analysis.Data.Single(d => d.Condition == "synthetic-weak");
        var strong = report.Analysis.Data.Single(d => d.Condition == "synthetic-strong");
        string Mtld(DataQuality d) => $"{ReportFormat.Number(d.Diversity[DiversityMeasure.Mtld].Value, 1)} [";
        Assert.Contains("MTLD of the mix", report.Markdown);
        var row = report.Markdown.Split('\n').Single(l => Regex.IsMatch(l, @"^\|\s*mix\s*\|") && l.Contains("(synthetic-weak)"));
        Assert.Contains(Mtld(mix), row);
        Assert.Contains("weak (synthetic-weak) " + Mtld(weak), row);
        Assert.Contains("strong (synthetic-strong) " + Mtld(strong), row);
    }

    [Fact]
    public void Figures_are_valid_png_and_svg_files()
    {
        foreach (string name in FigureNames)
        {
            byte[] png = File.ReadAllBytes(Path.Combine(report.Root, "figures", name + ".png"));
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
            Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
            int width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
            int height = (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23];
            Assert.Equal((1800, 1120), (width, height));
            using var bitmap = SkiaSharp.SKBitmap.Decode(png);
            Assert.True(InkShare(bitmap) > 0.02, $"{name}.png is nearly blank");

            // report.md shows the PNG by a path relative to the run directory.
            Assert.Contains($"](figures/{name}.png)", report.Markdown);

            var svg = XDocument.Load(Path.Combine(report.Root, "figures", name + ".svg"));
            Assert.Equal("svg", svg.Root!.Name.LocalName);
            Assert.True(svg.Descendants().Count() > 20, $"{name}.svg has almost nothing in it");
        }
    }

    [Fact]
    public void Html_is_self_contained_and_embeds_every_figure()
    {
        string html = report.HtmlText;
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotMatch(@"(src|href)=""(https?:)?//", html);
        Assert.DoesNotContain("url(", html);
        Assert.Equal(FigureNames.Length, Regex.Matches(html, "src=\"data:image/png;base64,").Count);
        Assert.Contains($"regurg study report {Path.GetFullPath(report.Root)}", html); // outside the current directory: absolute
        Assert.Contains("stage_seconds", File.ReadAllText(Path.Combine(report.Root, "run.json")));
        Assert.Contains("<pre><code># fixture: WMT17 en-de systems stand in for students", html);
        Assert.Contains("Comparisons: two-level bootstrap over seeds and test sentences, 2,000 resamples, seed 12345", html);
    }

    [Fact]
    public void Chromium_renders_the_report_readably()
    {
        string? chromium = Chromium.Find();
        RequiredTool.Require(chromium != null, "no chromium on PATH (Debian: apt-get install -y chromium; ./run-tests installs it when run as root)");
        string screenshot = Path.Combine(report.Root, "screenshot.png");
        string log = Chromium.Screenshot(chromium!, report.Html, screenshot, 1280, 4000);
        output.WriteLine($"screenshot: {screenshot}");
        Assert.True(File.Exists(screenshot), "chromium wrote no screenshot: " + log);
        using var bitmap = SkiaSharp.SKBitmap.Decode(screenshot);
        Assert.Equal((1280, 4000), (bitmap.Width, bitmap.Height));
        // Text, tables and figures cover a good part of a rendered report; a blank or unstyled error page does not.
        double ink = InkShare(bitmap);
        output.WriteLine($"non-white share: {ink:P1}");
        Assert.True(ink > 0.03, $"the rendered report is almost blank ({ink:P1} non-white pixels)");
        // The figures are drawn: some pixels carry the conditions' colours, not only black text on white.
        Assert.True(ColouredShare(bitmap) > 0.002, "no coloured pixels: the figures did not render");
    }

    /// <summary>Share of pixels that are not (near) white.</summary>
    internal static double InkShare(SkiaSharp.SKBitmap bitmap)
    {
        long ink = 0;
        for (int y = 0; y < bitmap.Height; y += 2)
            for (int x = 0; x < bitmap.Width; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red < 235 || c.Green < 235 || c.Blue < 235) ink++;
            }
        return ink / ((bitmap.Height + 1) / 2.0 * ((bitmap.Width + 1) / 2));
    }

    static double ColouredShare(SkiaSharp.SKBitmap bitmap)
    {
        long coloured = 0;
        for (int y = 0; y < bitmap.Height; y += 2)
            for (int x = 0; x < bitmap.Width; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                int max = Math.Max(c.Red, Math.Max(c.Green, c.Blue)), min = Math.Min(c.Red, Math.Min(c.Green, c.Blue));
                if (max - min > 60) coloured++;
            }
        return coloured / ((bitmap.Height + 1) / 2.0 * ((bitmap.Width + 1) / 2));
    }
}
