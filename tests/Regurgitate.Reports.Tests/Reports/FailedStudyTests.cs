using Regurgitate.Reports;

namespace Regurgitate.Tests.Reports;

/// <summary>A study that fails its sanity checks says so at the top and draws no conclusions.</summary>
public class FailedStudyTests
{
    [Fact]
    public void A_flat_human_curve_and_a_failed_cell_put_the_failure_banner_on_top_and_withhold_conclusions()
    {
        // The human students at 4,000 pairs are the same systems as at 1,000: the curve does not rise.
        var cells = RunDirectoryFixture.Cells.ToDictionary(kv => kv.Key, kv => new Dictionary<int, string[]>(kv.Value));
        cells["human"][4000] = cells["human"][1000];
        string failedCell = RunDirectoryFixture.CellId("synthetic-weak", 2000, 2);
        string root = RunDirectoryFixture.Create(cells, new HashSet<string> { failedCell }, withData: false);
        // A generator that failed, as the runner records it (an "error" beside the contract's fields).
        File.AppendAllText(Path.Combine(root, "generators.jsonl"),
            "{\"generator\":\"broken\",\"type\":\"teacher\",\"description\":\"teacher on 2,000 pairs\",\"test_bleu\":null,\"test_chrf\":null,\"test_hypotheses\":null,\"seconds\":null,\"error\":\"teacher training ran out of memory\"}\n");
        try
        {
            var (html, analysis) = StudyReport.WriteWithAnalysis(root);
            Assert.False(analysis.Sane);
            var generators = analysis.Checks.Single(c => c.Name == "every generator's own test BLEU is known");
            Assert.False(generators.Passed);
            Assert.Contains("broken: failed", generators.Detail);
            Assert.False(analysis.Checks.Single(c => c.Name == "human curve rises with size").Passed);
            Assert.False(analysis.Checks.Single(c => c.Name == "every cell finished").Passed);

            string text = File.ReadAllText(html);
            int banner = text.IndexOf("This study FAILED its sanity checks", StringComparison.Ordinal);
            Assert.True(banner >= 0, "no failure banner");
            // The banner comes before any section of the report.
            Assert.True(banner < text.IndexOf("<h2", StringComparison.Ordinal));
            Assert.True(banner < text.IndexOf("<nav class=\"toc\"", StringComparison.Ordinal), "the banner must come before the contents");
            Assert.Contains("class=\"callout alarm\"", text);
            Assert.DoesNotContain("Sanity checks passed", text);
            Assert.Contains("No conclusions are drawn", text);
            Assert.DoesNotContain("gap to human −", text);

            string markdown = File.ReadAllText(Path.Combine(root, "report.md"));
            Assert.Contains($"| {failedCell}", markdown);
            Assert.Contains("student training diverged: loss is NaN after 120 updates", markdown);
            Assert.Contains("teacher on 2,000 pairs — **failed**: teacher training ran out of memory", markdown);
            Assert.Contains("1 of 24 cells failed", markdown);
            Assert.Contains("the students did not learn measurably from more data", markdown);
            // The failed cell is left out of its point's mean and counted.
            var point = analysis.Curve("synthetic-weak")!.At(2000)!;
            Assert.Equal((1, 1), (point.Bleu.N, point.Failed));
            Assert.Contains("data.jsonl lists no condition's data", markdown);
            // Without data there are no mechanism figures; a stale one from an earlier report is removed on rebuild.
            Assert.False(File.Exists(Path.Combine(root, "figures", "data-diversity.png")));
            File.WriteAllText(Path.Combine(root, "figures", "data-diversity.svg"), "<svg/>");
            StudyReport.Write(root);
            Assert.False(File.Exists(Path.Combine(root, "figures", "data-diversity.svg")));
        }
        finally { RunDirectoryFixture.Delete(root); }
    }
}

/// <summary>A study run with one seed has no intervals: the report says so instead of inventing them.</summary>
public class OneSeedStudyTests
{
    [Fact]
    public void One_seed_gives_no_intervals_and_the_rise_of_the_human_curve_cannot_be_checked()
    {
        var cells = RunDirectoryFixture.Cells.ToDictionary(kv => kv.Key, kv => kv.Value.ToDictionary(s => s.Key, s => s.Value[..1]));
        string root = RunDirectoryFixture.Create(cells, withData: false);
        try
        {
            var (html, analysis) = StudyReport.WriteWithAnalysis(root);
            Assert.All(analysis.Curves.SelectMany(c => c.Points), p => Assert.False(p.Bleu.HasInterval));
            var rise = analysis.Checks.Single(c => c.Name == "human curve rises with size");
            Assert.False(rise.Passed);
            Assert.Contains("one seed per cell and no pooled seed variance give no interval", rise.Detail);
            string markdown = File.ReadAllText(Path.Combine(root, "report.md"));
            // online-A alone at 1,000 pairs: 20.8 BLEU, printed without an interval.
            Assert.Contains("20.8 (n=1, no CI)", markdown);
            Assert.True(File.Exists(Path.Combine(root, "figures", "learning-curves-bleu.png")));
            Assert.Contains("This study FAILED its sanity checks", File.ReadAllText(html));
        }
        finally { RunDirectoryFixture.Delete(root); }
    }
}
