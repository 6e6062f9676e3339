using System.Text.Json;
using static Regurgitate.Tests.InProcessCli;

namespace Regurgitate.Tests.Commands;

public class DiversityCommandTests
{
    [Fact]
    public async Task Human_reference_against_16_wmt17_systems_as_json()
    {
        var files = new[] { TestData.Wmt17("reference.de") }.Concat(TestData.Wmt17SystemFiles).ToArray();
        Assert.Equal(17, files.Length);
        var (code, output, error) = await Run(["diversity", .. files, "--format", "json", "--bootstrap", "200"]);
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("tok:13a|case:mixed", root.GetProperty("tokenizer").GetString());
        var reports = root.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(17, reports.Count);
        var human = reports[0].GetProperty("measures");
        var systems = reports.Skip(1).Select(r => r.GetProperty("measures")).ToList();
        double Value(JsonElement measures, string key) => measures.GetProperty(key).GetProperty("value").GetDouble();
        string Verdict(JsonElement measures, string key) => measures.GetProperty(key).GetProperty("vs_reference").GetString()!;

        // Measured on newstest2017 (13a, mixed case): the human reference has the highest distinct-2
        // (0.682; systems 0.616–0.669) and the highest MTLD (118.5; systems 92.3–118.1).
        Assert.All(systems, s => Assert.True(Value(s, "distinct_2") < Value(human, "distinct_2")));
        Assert.All(systems, s => Assert.True(Value(s, "mtld") < Value(human, "mtld")));
        // With intervals: 15 of 16 systems are clearly less diverse on distinct-2 (xmu overlaps),
        // all 16 on HD-D and MATTR, and about half on MTLD, whose intervals are wide.
        Assert.True(systems.Count(s => Verdict(s, "distinct_2") == "less_diverse") >= 14);
        Assert.All(systems, s => Assert.Equal("less_diverse", Verdict(s, "hdd")));
        Assert.All(systems, s => Assert.Equal("less_diverse", Verdict(s, "mattr")));
        Assert.InRange(systems.Count(s => Verdict(s, "mtld") == "less_diverse"), 4, 12);
        Assert.DoesNotContain(systems, s => Verdict(s, "mtld") == "more_diverse");
        // Every interval contains its value.
        foreach (var report in reports)
            foreach (var measure in report.GetProperty("measures").EnumerateObject())
            {
                double value = measure.Value.GetProperty("value").GetDouble();
                Assert.InRange(value, measure.Value.GetProperty("low").GetDouble(), measure.Value.GetProperty("high").GetDouble());
            }
    }

    [Fact]
    public async Task Table_marks_the_less_diverse_system_and_states_the_tokenization()
    {
        var (code, output, error) = await Run("diversity", TestData.Wmt17("reference.de"), TestData.Wmt17("online-G.0.de"), "--bootstrap", "100", "--lowercase");
        Assert.True(code == 0, error);
        Assert.Contains("tokenization: tok:13a|case:lc", output);
        Assert.Contains("100 bootstrap resamples", output);
        var systemRows = output.Split('\n').Where(l => l.Contains("online-G.0.de")).ToList();
        Assert.Equal(3, systemRows.Count);                      // one row in each of the three tables
        Assert.All(systemRows, row => Assert.Contains("▼", row));
        Assert.DoesNotContain(output.Split('\n').Where(l => l.Contains("│ reference.de")), row => row.Contains('▼'));
        Assert.Contains("MTLD", output);
        Assert.Contains("HD-D", output);
    }

    [Fact]
    public async Task Short_text_reports_na_with_a_note()
    {
        string file = Path.Combine(Path.GetTempPath(), $"regurg-diversity-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, "Der Hund bellt.\nDie Katze schläft.\n");
        try
        {
            var (code, output, error) = await Run("diversity", file, "--tokenize", "whitespace");
            Assert.True(code == 0, error);
            Assert.Contains("n/a", output);
            Assert.Contains("HD-D n/a: 6 tokens, fewer than the sample size 42", output);
            Assert.Contains("tok:whitespace", output);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public async Task Missing_file_and_bad_option_exit_2_with_one_line()
    {
        var (code, _, error) = await Run("diversity", "/nonexistent/file.de");
        Assert.Equal(2, code);
        Assert.Contains("/nonexistent/file.de: file not found", error);
        Assert.DoesNotContain("   at ", error);

        (code, _, error) = await Run("diversity", TestData.Wmt17("reference.de"), "--mtld-threshold", "1.5");
        Assert.Equal(2, code);
        Assert.Contains("MTLD threshold", error);

        (code, _, _) = await Run("diversity", TestData.Wmt17("reference.de"), "--tokenize", "intl");
        Assert.Equal(2, code);
    }
}
