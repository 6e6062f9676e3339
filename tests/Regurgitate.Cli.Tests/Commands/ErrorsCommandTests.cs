using System.Text.Json;
using static Regurgitate.Tests.InProcessCli;

namespace Regurgitate.Tests.Commands;

public class ErrorsCommandTests
{
    static string TempFile(string name) => Path.Combine(Path.GetTempPath(), $"regurg-errors-{Guid.NewGuid():N}-{name}");

    [Fact]
    public async Task Wmt17_system_with_references_writes_jsonl_and_summary()
    {
        string jsonl = TempFile("segments.jsonl");
        try
        {
            var (code, output, error) = await Run("errors",
                "--hyp", TestData.Wmt17("online-G.0.de"), "--src", TestData.Newstest2017English,
                "--ref", TestData.Wmt17("reference.de"), "--source-lang", "en", "--target-lang", "de", "--out", jsonl);
            Assert.True(code == 0, error);
            Assert.Contains("3004 segments, en → de (target scripts: Latin)", output);
            Assert.Contains("length baseline: human references", output);
            foreach (var type in new[] { "empty", "copied_source", "repetition_loop", "length_outlier", "foreign_script", "high_edit_rate" })
                Assert.Contains(type, output);
            Assert.Contains("TER edit rate per segment", output);
            Assert.Contains("chrF2 nrefs:1", output);

            var lines = File.ReadAllLines(jsonl);
            Assert.Equal(3004, lines.Length);
            foreach (var line in lines.Take(50))
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                Assert.InRange(root.GetProperty("chrf").GetDouble(), 0, 100);
                Assert.True(root.GetProperty("edit_rate").GetDouble() >= 0);
                Assert.Equal(JsonValueKind.Array, root.GetProperty("flags").ValueKind);
            }
        }
        finally { File.Delete(jsonl); }
    }

    [Fact]
    public async Task Json_summary_without_references_flags_planted_errors()
    {
        var outputs = File.ReadAllLines(TestData.Wmt17("online-G.0.de")).Take(300).ToArray();
        var sources = Regurgitate.Metrics.SegmentFile.Read(TestData.Newstest2017English).Take(300).ToArray();
        outputs[5] = sources[5];
        outputs[6] = "";
        outputs[7] = "Это совсем не немецкий текст.";
        string hyp = TempFile("hyp.de"), src = TempFile("src.en");
        File.WriteAllLines(hyp, outputs);
        File.WriteAllLines(src, sources);
        try
        {
            var (code, output, error) = await Run("errors", "--hyp", hyp, "--src", src, "--source-lang", "en", "--target-lang", "de", "--format", "json");
            Assert.True(code == 0, error);
            using var json = JsonDocument.Parse(output);
            var errors = json.RootElement.GetProperty("errors");
            Assert.True(errors.GetProperty("empty").GetProperty("segments").GetInt32() == 1);
            Assert.True(errors.GetProperty("copied_source").GetProperty("segments").GetInt32() >= 1);
            Assert.True(errors.GetProperty("foreign_script").GetProperty("segments").GetInt32() == 1);
            Assert.False(errors.TryGetProperty("high_edit_rate", out _));
            Assert.StartsWith("the outputs' own median length ratio", json.RootElement.GetProperty("length_baseline").GetString());
        }
        finally { File.Delete(hyp); File.Delete(src); }
    }

    [Fact]
    public async Task Line_count_mismatch_names_both_files_and_exits_2()
    {
        string hyp = TempFile("hyp.de"), src = TempFile("src.en"), jsonl = TempFile("out.jsonl");
        File.WriteAllLines(hyp, ["eins", "zwei", "drei"]);
        File.WriteAllLines(src, ["one", "two"]);
        try
        {
            var (code, _, error) = await Run("errors", "--hyp", hyp, "--src", src, "--source-lang", "en", "--target-lang", "de", "--out", jsonl);
            Assert.Equal(2, code);
            Assert.Contains(hyp, error);
            Assert.Contains(src, error);
            Assert.Contains("3 lines in --hyp but 2 lines in --src", error);
            Assert.False(File.Exists(jsonl));
        }
        finally { File.Delete(hyp); File.Delete(src); }
    }

    [Fact]
    public async Task Empty_output_file_is_an_input_error()
    {
        string hyp = TempFile("hyp"), src = TempFile("src");
        File.WriteAllText(hyp, "");
        File.WriteAllText(src, "");
        try
        {
            var (code, _, error) = await Run("errors", "--hyp", hyp, "--src", src, "--source-lang", "en", "--target-lang", "de");
            Assert.Equal(2, code);
            Assert.Contains($"{hyp}: no segments to check", error);
        }
        finally { File.Delete(hyp); File.Delete(src); }
    }

    [Fact]
    public async Task Unknown_target_language_asks_for_scripts()
    {
        string hyp = TempFile("hyp"), src = TempFile("src");
        File.WriteAllLines(hyp, ["tlhIngan"]);
        File.WriteAllLines(src, ["Klingon"]);
        try
        {
            var (code, _, error) = await Run("errors", "--hyp", hyp, "--src", src, "--source-lang", "en", "--target-lang", "tlh");
            Assert.Equal(2, code);
            Assert.Contains("--target-scripts", error);
            (code, _, error) = await Run("errors", "--hyp", hyp, "--src", src, "--source-lang", "en", "--target-lang", "tlh", "--target-scripts", "Latin");
            Assert.True(code == 0, error);
        }
        finally { File.Delete(hyp); File.Delete(src); }
    }
}
