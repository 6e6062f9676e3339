using System.Text.Json;
using static Regurgitate.Tests.InProcessCli;

namespace Regurgitate.Tests.Commands;

/// <summary>
/// `regurg detector`: train on WMT17 lines 1–1500 (reference vs the rule-based system), then evaluate, rank and
/// audit on lines the detector never saw; bad input gives exit code 2 and one line naming the file (and line).
/// </summary>
public sealed class DetectorCommandTests : IDisposable
{
    const string System = "PROMT-Rule-based.4735.de";
    readonly TestData.ScratchFolder scratch = TestData.Scratch();
    readonly string humanTrain, machineTrain, humanTest, machineTest, sourcesTrain;

    public DetectorCommandTests()
    {
        var reference = File.ReadAllLines(TestData.Wmt17("reference.de"));
        var system = File.ReadAllLines(TestData.Wmt17(System));
        humanTrain = Write("human-train.de", reference.Take(1500));
        machineTrain = Write("machine-train.de", system.Take(1500));
        humanTest = Write("human-test.de", reference.Skip(1500));
        machineTest = Write("machine-test.de", system.Skip(1500));
        sourcesTrain = Write("sources-train.en", TestData.GzipLines("opus-mt-testsets/testsets/deu-eng/newstest2017.eng.gz", 1500));
    }

    public void Dispose() => scratch.Dispose();

    string Write(string name, IEnumerable<string> lines)
    {
        File.WriteAllLines(scratch.File(name), lines);
        return scratch.File(name);
    }

    async Task<string> Train(string name = "detector", params string[] extra)
    {
        string directory = scratch.File(name);
        // With sources, validation holds out whole sources, so its error rates are those of unseen sources.
        var (code, output, error) = await Run(["detector", "train", "--human", humanTrain, "--machine", machineTrain,
            "--human-src", sourcesTrain, "--machine-src", sourcesTrain, "--out", directory, .. extra]);
        Assert.True(code == 0, output + error);
        return directory;
    }

    [Fact]
    public async Task Train_then_evaluate_held_out_and_per_system_out_of_domain()
    {
        string model = await Train();
        Assert.True(File.Exists(Path.Combine(model, "manifest.json")));
        var (code, output, error) = await Run("detector", "evaluate", "--model", model, "--human", humanTest, "--machine", machineTest,
            "--systems", TestData.Wmt17Systems, "--lines", "1501:3004", "--format", "json");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var heldOut = json.RootElement.GetProperty("held_out");
        Assert.True(heldOut.GetProperty("roc_auc").GetDouble() > 0.7, output);
        Assert.Equal(10, heldOut.GetProperty("reliability").GetArrayLength());
        var systems = json.RootElement.GetProperty("systems");
        Assert.Equal(16, systems.GetArrayLength());
        var promt = systems.EnumerateArray().Single(s => s.GetProperty("system").GetString() == "PROMT-Rule-based.4735");
        Assert.Equal(heldOut.GetProperty("roc_auc").GetDouble(), promt.GetProperty("metrics").GetProperty("roc_auc").GetDouble(), 9);

        var table = await Run("detector", "evaluate", "--model", model, "--systems", TestData.Wmt17Systems, "--lines", "1501:3004");
        Assert.True(table.Code == 0, table.Err);
        Assert.Contains("Out of domain", table.Out);
        Assert.Contains("uedin-nmt.4722", table.Out);
    }

    [Fact]
    public async Task Rank_writes_p_human_per_line_and_audit_flags_pairs()
    {
        string model = await Train();
        string ranked = scratch.File("ranked.jsonl");
        var (code, _, error) = await Run("detector", "rank", "--model", model, "--corpus", humanTest, "--out", ranked);
        Assert.True(code == 0, error);
        var lines = File.ReadAllLines(ranked);
        Assert.Equal(1504, lines.Length);
        using (var first = JsonDocument.Parse(lines[0]))
        {
            Assert.Equal("1", first.RootElement.GetProperty("id").GetString());
            Assert.InRange(first.RootElement.GetProperty("p_human").GetDouble(), 0, 1);
        }

        // Every other line from the reference, the rest from the system: the interval covers 50%.
        var human = File.ReadAllLines(humanTest);
        var machine = File.ReadAllLines(machineTest);
        string mixture = Write("mixture.de", human.Select((line, i) => i % 2 == 0 ? line : machine[i]));
        string flags = scratch.File("flags.jsonl");
        var audit = await Run("detector", "audit", "--model", model, "--corpus", mixture, "--out", flags, "--format", "json");
        Assert.True(audit.Code == 0, audit.Err);
        using var json = JsonDocument.Parse(audit.Out);
        var estimate = json.RootElement.GetProperty("estimate");
        double lower = estimate.GetProperty("lower").GetDouble(), upper = estimate.GetProperty("upper").GetDouble();
        Assert.True(lower <= 0.5 && 0.5 <= upper, audit.Out);
        Assert.Equal(1504, File.ReadAllLines(flags).Length);
        Assert.Contains("\"flag\":", File.ReadAllLines(flags)[0]);
    }

    static async Task<string> SingleErrorLine(params string[] args)
    {
        var (code, output, error) = await Run(args);
        Assert.True(code == 2, $"exit {code}; {output}{error}");
        var lines = error.Trim().Split('\n');
        Assert.Single(lines);
        Assert.DoesNotContain("   at ", error);
        return lines[0];
    }

    [Fact]
    public async Task Bad_inputs_exit_2_with_one_line_naming_the_file()
    {
        string empty = Write("empty.de", []);
        Assert.Contains($"{empty}: no text to read", await SingleErrorLine("detector", "train", "--human", empty, "--machine", machineTrain, "--out", scratch.File("m")));

        string missing = scratch.File("no-such-detector");
        Assert.Contains($"{missing}: detector directory not found", await SingleErrorLine("detector", "rank", "--model", missing, "--corpus", humanTest, "--out", scratch.File("r.jsonl")));

        string corrupt = scratch.File("corrupt");
        Directory.CreateDirectory(corrupt);
        File.WriteAllText(Path.Combine(corrupt, "manifest.json"), "{\n  \"format_version\": 1,\n  \"kind\": \"linear\",,\n}\n");
        Assert.Contains($"{Path.Combine(corrupt, "manifest.json")}:3: corrupt detector manifest",
            await SingleErrorLine("detector", "audit", "--model", corrupt, "--corpus", humanTest));

        string folder = scratch.File("a-folder");
        Directory.CreateDirectory(folder);
        Assert.Contains($"{folder}: is a directory", await SingleErrorLine("detector", "rank", "--model", corrupt, "--corpus", humanTest, "--out", folder));

        var unknown = await Run("detector", "train", "--human", humanTrain, "--machine", machineTrain, "--out", scratch.File("m"), "--model", "forest");
        Assert.Equal(2, unknown.Code);
        Assert.Contains("forest", unknown.Err);
        Assert.False(Directory.Exists(scratch.File("m")));
    }
}
