using System.Text.Json;
using static Regurgitate.Tests.InProcessCli;

namespace Regurgitate.Tests.Commands;

public sealed class CorpusCommandTests : IDisposable
{
    readonly TestData.ScratchFolder scratch = TestData.Scratch();

    [Fact]
    public async Task Convert_round_trips_moses_to_jsonl_to_tsv_to_moses_with_gzip()
    {
        var val = new[] { "--corpus", "multi30k:val:de-en", "--data-dir", TestData.Root };
        var toJsonl = await Invoke(["corpus", "convert", .. val, "--out-jsonl", scratch.File("val.jsonl.gz")]);
        Assert.Equal(0, toJsonl.ExitCode);
        Assert.Contains("wrote 1,014 pairs", toJsonl.Output);
        Assert.Equal(0, (await Invoke("corpus", "convert", "--jsonl", scratch.File("val.jsonl.gz"), "--out-tsv", scratch.File("val.tsv"))).ExitCode);
        Assert.Equal(0, (await Invoke("corpus", "convert", "--tsv", scratch.File("val.tsv"), "--out-source", scratch.File("val.de"), "--out-target", scratch.File("val.en.gz"))).ExitCode);
        Assert.Equal(0, (await Invoke("corpus", "convert", "--source", scratch.File("val.de"), "--target", scratch.File("val.en.gz"), "--out-jsonl", scratch.File("back.jsonl"))).ExitCode);

        var original = new Corpora.Datasets.DataDirectory(TestData.Root);
        using var de = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine(TestData.Root, "multi30k", "val.de.gz")), System.IO.Compression.CompressionMode.Decompress));
        Assert.Equal(de.ReadToEnd(), File.ReadAllText(scratch.File("val.de")));
        Assert.Equal(1_014, File.ReadAllLines(scratch.File("val.tsv")).Length);
        // JSONL → ... → JSONL gives the same objects (ids are line numbers throughout).
        var first = Corpora.Formats.JsonlFile.Read(scratch.File("val.jsonl.gz")).ToList();
        var back = Corpora.Formats.JsonlFile.Read(scratch.File("back.jsonl")).ToList();
        Assert.Equal(first, back);
        Assert.Equal("{\"id\":\"1\",\"source\":\"Eine Gruppe von Männern lädt Baumwolle auf einen Lastwagen\",\"target\":\"A group of men are loading cotton onto a truck\",\"provenance\":{\"origin\":\"human\"}}",
            File.ReadLines(scratch.File("back.jsonl")).First());
    }

    [Fact]
    public async Task Convert_keeps_wmt17_system_provenance_in_jsonl_and_tsv_columns()
    {
        var system = new[] { "--corpus", "wmt17-systems:uedin-nmt.4722:en-de", "--data-dir", TestData.Root };
        Assert.Equal(0, (await Invoke(["corpus", "convert", .. system, "--out-tsv", scratch.File("u.tsv"), "--tsv-provenance"])).ExitCode);
        Assert.EndsWith("\tmachine\tuedin-nmt.4722\twmt17=newstest2017;direction=en-de", File.ReadLines(scratch.File("u.tsv")).First());
        Assert.Equal(0, (await Invoke("corpus", "convert", "--tsv", scratch.File("u.tsv"), "--out-jsonl", scratch.File("u.jsonl"))).ExitCode);
        var stats = await Invoke("corpus", "stats", "--jsonl", scratch.File("u.jsonl"), "--format", "json");
        using var json = JsonDocument.Parse(stats.Output);
        Assert.Equal(3_004, json.RootElement.GetProperty("provenance").GetProperty("uedin-nmt.4722 (wmt17=newstest2017;direction=en-de)").GetInt32());
    }

    [Fact]
    public async Task Generator_option_marks_moses_files_as_machine_output()
    {
        File.WriteAllText(scratch.File("h.de"), "Hallo\n");
        File.WriteAllText(scratch.File("h.en"), "Hello\n");
        var result = await Invoke("corpus", "stats", "--source", scratch.File("h.de"), "--target", scratch.File("h.en"), "--generator", "my-nmt", "--format", "json");
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(1, json.RootElement.GetProperty("provenance").GetProperty("my-nmt").GetInt32());
    }

    [Fact]
    public async Task Stats_reports_counts_percentiles_duplicates_and_provenance()
    {
        var table = await Invoke("corpus", "stats", "--corpus", "multi30k:train:de-en", "--data-dir", TestData.Root);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("29,000", table.Output);
        Assert.Contains("duplicate pairs", table.Output);
        Assert.Contains("provenance: human", table.Output);
        // Progress goes to standard error as plain lines when it is not a terminal.
        Assert.Contains("stats: 29,000/29,000 pairs (100%)", table.Error);

        var json = await Invoke("corpus", "stats", "--corpus", "multi30k:train:de-en", "--data-dir", TestData.Root, "--format", "json");
        using var document = JsonDocument.Parse(json.Output);
        var root = document.RootElement;
        Assert.Equal(29_000, root.GetProperty("pairs").GetInt32());
        Assert.Equal(0, root.GetProperty("source").GetProperty("emptyLines").GetInt32());
        Assert.True(root.GetProperty("target").GetProperty("tokens").GetInt64() > 300_000);
        Assert.True(root.GetProperty("duplicatePairs").GetInt32() < root.GetProperty("duplicateSources").GetInt32());
        var lengths = root.GetProperty("source").GetProperty("lengths");
        Assert.True(lengths.GetProperty("p5").GetInt32() <= lengths.GetProperty("median").GetInt32());
        Assert.True(lengths.GetProperty("median").GetInt32() <= lengths.GetProperty("p99").GetInt32());
    }

    [Fact]
    public async Task Sample_first_and_seeded_random_are_reproducible_and_nested()
    {
        var train = new[] { "--corpus", "multi30k:train:de-en", "--data-dir", TestData.Root };
        Assert.Equal(0, (await Invoke(["corpus", "sample", .. train, "--first", "10", "--out-tsv", scratch.File("first.tsv")])).ExitCode);
        Assert.Equal(10, File.ReadAllLines(scratch.File("first.tsv")).Length);
        Assert.StartsWith("Zwei junge weiße Männer", File.ReadLines(scratch.File("first.tsv")).First());

        foreach (var (name, n) in new[] { ("a", "500"), ("b", "500"), ("c", "1000") })
            Assert.Equal(0, (await Invoke(["corpus", "sample", .. train, "--random", n, "--seed", "11", "--out-jsonl", scratch.File(name + ".jsonl")])).ExitCode);
        Assert.Equal(File.ReadAllText(scratch.File("a.jsonl")), File.ReadAllText(scratch.File("b.jsonl")));
        var small = File.ReadAllLines(scratch.File("a.jsonl"));
        var large = File.ReadAllLines(scratch.File("c.jsonl")).ToHashSet();
        Assert.Equal(500, small.Length);
        Assert.Equal(1_000, large.Count);
        Assert.All(small, line => Assert.Contains(line, large));

        var neither = await Invoke(["corpus", "sample", .. train, "--out-tsv", scratch.File("x.tsv")]);
        Assert.Equal(2, neither.ExitCode);
        Assert.Contains("--first N or --random N", neither.Error);
    }

    [Fact]
    public async Task List_shows_datasets_splits_and_local_presence()
    {
        var present = await Invoke("corpus", "list", "--data-dir", TestData.Root, "--format", "json");
        Assert.Equal(0, present.ExitCode);
        using var json = JsonDocument.Parse(present.Output);
        var rows = json.RootElement.GetProperty("datasets").EnumerateArray().ToList();
        var train = rows.Single(r => r.GetProperty("dataset").GetString() == "multi30k" && r.GetProperty("split").GetString() == "train");
        Assert.Equal("yes", train.GetProperty("present").GetString());
        Assert.Equal(29_000, train.GetProperty("pairs").GetInt32());
        Assert.Equal("no", rows.Single(r => r.GetProperty("dataset").GetString() == "europarl-v7").GetProperty("present").GetString());

        var absent = await Invoke("corpus", "list", "--data-dir", scratch.Path, "--format", "json");
        using var none = JsonDocument.Parse(absent.Output);
        Assert.All(none.RootElement.GetProperty("datasets").EnumerateArray(), r => Assert.Equal("no", r.GetProperty("present").GetString()));

        var systems = await Invoke("corpus", "list", "wmt17-systems", "--data-dir", TestData.Root);
        Assert.Equal(0, systems.ExitCode);
        foreach (var system in Corpora.Datasets.Wmt17Systems.Systems) Assert.Contains(system, systems.Output);
    }

    [Fact]
    public async Task Download_of_a_file_without_a_url_is_refused_before_any_network_use()
    {
        var result = await Invoke("corpus", "download", "wmt17-systems:xmu.4910:en-de", "--data-dir", scratch.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("xmu.4910.de", result.Error);
        Assert.Empty(scratch.Files());
    }

    public void Dispose() => scratch.Dispose();
}
