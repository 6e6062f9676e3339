using Regurgitate.Reports;
using Regurgitate.RunDirectories;
using Regurgitate.Statistics;

namespace Regurgitate.Tests.Reports;

/// <summary>Reading the run-directory contract: bad files name the file and line.</summary>
public class RunDirectoryTests
{
    static string NewDirectory()
    {
        string root = Path.Combine(Path.GetTempPath(), "regurg-rundir-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(root);
        return root;
    }

    [Fact]
    public void A_missing_run_directory_or_results_file_is_an_input_error()
    {
        var missing = Assert.Throws<InputException>(() => RunDirectory.Open("/nonexistent/run/demo"));
        Assert.Contains("no such run directory", missing.Message);
        string root = NewDirectory();
        try
        {
            var empty = Assert.Throws<InputException>(() => RunDirectory.Open(root));
            Assert.Contains("results.jsonl not found", empty.Message);
        }
        finally { Directory.Delete(root, true); }
    }

    [Fact]
    public void A_bad_results_row_names_file_and_line()
    {
        string root = NewDirectory();
        try
        {
            File.WriteAllText(Path.Combine(root, "results.jsonl"),
                "{\"cell\":\"human.n1000.s1\",\"condition\":\"human\",\"size\":1000,\"seed\":1,\"status\":\"failed\",\"error\":\"oom\"}\n" +
                "{\"cell\":\"human.n1000.s2\",\"condition\":\"human\",\"seed\":2,\"status\":\"done\"}\n");
            var e = Assert.Throws<InputException>(() => RunDirectory.Open(root));
            Assert.Equal(2, e.Line);
            Assert.EndsWith("results.jsonl", e.File);
            Assert.Contains("\"size\"", e.Message);

            File.WriteAllText(Path.Combine(root, "results.jsonl"), "{\"cell\": \n");
            Assert.Equal(1, Assert.Throws<InputException>(() => RunDirectory.Open(root)).Line);
        }
        finally { Directory.Delete(root, true); }
    }

    [Fact]
    public void Optional_files_may_be_missing()
    {
        string root = NewDirectory();
        try
        {
            File.WriteAllText(Path.Combine(root, "results.jsonl"),
                "{\"cell\":\"human.n1000.s1\",\"condition\":\"human\",\"condition_type\":\"human\",\"generators\":[],\"size\":1000,\"seed\":1,\"status\":\"failed\",\"error\":\"oom\",\"bleu\":null}\n");
            var run = RunDirectory.Open(root);
            Assert.Equal("", run.Spec);
            Assert.Empty(run.Data);
            Assert.Empty(run.Generators);
            Assert.Equal(Path.GetFileName(root), run.Study);
            Assert.False(run.Cells.Single().Done);
            // A report of a study with no finished cell still says what happened.
            string html = StudyReport.Write(root);
            string text = File.ReadAllText(html);
            Assert.Contains("This study FAILED its sanity checks", text);
            Assert.Contains("oom", text);
        }
        finally { Directory.Delete(root, true); }
    }
}

/// <summary>A run directory an older version wrote still reports, and the report names what it lacked.</summary>
public class OlderRunDirectoryTests
{
    [Fact]
    public void A_run_directory_of_an_older_version_reports_and_names_its_missing_fields()
    {
        string root = RunDirectoryFixture.Create();
        try
        {
            Assert.Empty(RunDirectory.Open(root).Gaps);
            // As format 1 wrote it: no marker, no split times in results, no pair counts in data.jsonl.
            File.Delete(Path.Combine(root, "regurg-run.json"));
            string Strip(string line, params string[] fields)
            {
                var row = System.Text.Json.Nodes.JsonNode.Parse(line)!.AsObject();
                foreach (var field in fields) row.Remove(field);
                return row.ToJsonString();
            }
            string results = Path.Combine(root, "results.jsonl"), data = Path.Combine(root, "data.jsonl");
            File.WriteAllLines(results, File.ReadAllLines(results).Select(l => Strip(l, "updates", "epochs", "train_seconds", "decode_seconds", "test_nll", "test_nll_tokens", "sentence_nll")));
            File.WriteAllLines(data, File.ReadAllLines(data).Select(l => Strip(l, "pairs", "distinct_sources", "description", "pool", "ordering")));

            var run = RunDirectory.Open(root);
            Assert.Equal(3, run.Gaps.Count);
            Assert.Contains("results.jsonl: rows lack decode_seconds, epochs, sentence_nll, test_nll, test_nll_tokens, train_seconds, updates (written by an older regurg: no NLL of the test references)", run.Gaps);
            Assert.Contains("data.jsonl: rows lack description, distinct_sources, ordering, pairs, pool (written by an older regurg)", run.Gaps);
            var (html, analysis) = StudyReport.WriteWithAnalysis(root);
            Assert.True(analysis.Sane);
            string markdown = File.ReadAllText(Path.Combine(root, "report.md"));
            Assert.Contains("written by an older regurg; the report leaves out what it lacks", markdown);
            Assert.Contains("no regurg-run.json", markdown);
            Assert.Contains("rows lack decode_seconds", File.ReadAllText(html));
        }
        finally { RunDirectoryFixture.Delete(root); }
    }
}

/// <summary>The report recomputes every finished cell's BLEU from its test.hyp and flags a results.jsonl that disagrees.</summary>
public class ScoreMismatchTests
{
    [Fact]
    public void A_bleu_in_results_jsonl_that_its_translations_do_not_give_fails_the_study()
    {
        string root = RunDirectoryFixture.Create(withData: false);
        try
        {
            string results = Path.Combine(root, "results.jsonl");
            // uedin-nmt's 28.3012 recorded as 30.0 for one cell.
            File.WriteAllText(results, File.ReadAllText(results).Replace("\"bleu\":28.3012", "\"bleu\":30.0"));
            var (_, analysis) = StudyReport.WriteWithAnalysis(root);
            var mismatch = Assert.Single(analysis.Mismatches);
            Assert.Equal(RunDirectoryFixture.CellId("synthetic-strong", 4000, 2), mismatch.Cell);
            Assert.Equal(28.3012, mismatch.Recomputed, 4e-4);
            Assert.False(analysis.Sane);
        }
        finally { RunDirectoryFixture.Delete(root); }
    }
}

/// <summary>Test NLL per cell (forced decoding of the references) in the report: curves, gaps and their verdicts.</summary>
public class NllReportTests
{
    [Fact]
    public void Recorded_test_nll_is_resampled_with_the_sentences_and_reported_next_to_bleu()
    {
        string root = RunDirectoryFixture.Create();
        try
        {
            // Per sentence, an NLL that falls with the cell's BLEU (as a better student's would) plus sentence noise: tokens
            // are the reference's words + 1 (EOS); the rows are what a run writes to cells/<id>/test.nll.
            var reference = File.ReadAllLines(Path.Combine(root, "test.ref"));
            string results = Path.Combine(root, "results.jsonl");
            var rows = File.ReadAllLines(results).Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!.AsObject()).ToList();
            var perToken = new Dictionary<string, double>();
            foreach (var row in rows)
            {
                string cell = (string)row["cell"]!;
                double bleu = (double)row["bleu"]!;
                var random = new Random(cell.GetHashCode(StringComparison.Ordinal) & 0x7fffffff);
                var nll = reference.Select(r => (Tokens: r.Split(' ').Length + 1L, Noise: random.NextDouble())).Select(x => (Nll: x.Tokens * (4.0 - bleu / 10 + 0.5 * x.Noise), x.Tokens)).ToList();
                string file = RunLayout.CellSentenceNll(cell);
                SentenceNllFile.Write(Path.Combine(root, file), nll);
                perToken[cell] = SentenceNllFile.Total(nll).PerToken!.Value;
                row["test_nll"] = perToken[cell];
                row["sentence_nll"] = file;
            }
            File.WriteAllLines(results, rows.Select(r => r.ToJsonString()));

            var (_, analysis) = StudyReport.WriteWithAnalysis(root);
            Assert.Contains(StudyMetric.Nll, analysis.Inference.Metrics);
            var point = analysis.Curve("human")!.At(4000)!;
            Assert.Equal(RunDirectoryFixture.Cells["human"][4000].Select((_, i) => perToken[RunDirectoryFixture.CellId("human", 4000, i + 1)]).Average(), point.Nll!.Mean, 1e-9);
            Assert.True(point.Nll.Low < point.Nll.Mean && point.Nll.Mean < point.Nll.High && point.Nll.Low >= 0);
            // The weak systems' students are 5 BLEU worse, so 0.5 nats per token worse: a positive NLL gap is "worse".
            var weak = analysis.Gaps.Single(g => g.Condition == "synthetic-weak" && g.Size == 1000);
            Assert.True(weak.Nll!.Comparison.Difference > 0.3);
            Assert.Equal(Verdict.Worse, weak.Nll.Verdict);
            string markdown = File.ReadAllText(Path.Combine(root, "report.md"));
            Assert.Contains("test NLL/token", markdown);
            Assert.Contains("gap test NLL [95% CI]", markdown);
            Assert.DoesNotContain("no NLL of the test references", markdown);
            Assert.Contains("](figures/learning-curves-nll.png)", markdown);
            Assert.True(File.Exists(Path.Combine(root, "figures", "learning-curves-nll.svg")));

            // A test.nll that does not cover the test set is an error naming the file, not a silent gap.
            File.WriteAllLines(Path.Combine(root, RunLayout.CellSentenceNll(RunDirectoryFixture.CellId("human", 1000, 1))), ["1.5\t3"]);
            var error = Assert.Throws<InputException>(() => StudyAnalysis.Of(root));
            Assert.Contains("test.nll", error.Message + error.File);
            Assert.Contains("1 lines but test.ref has 3004", error.Message);
        }
        finally { RunDirectoryFixture.Delete(root); }
    }
}
