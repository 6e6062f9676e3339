using System.Text.Json.Nodes;
using Regurgitate.IO;
using Regurgitate.RunDirectories;

namespace Regurgitate.Tests.RunDirectories;

/// <summary>The run directory's one home: each record written and read back, older files read with their gaps named, and the marker's rules.</summary>
public sealed class RunDirectoryRecordTests : IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("regurg-rundir-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    static CellResult Done => new()
    {
        Cell = "human.n1000.s1", Condition = "human", ConditionType = "human", Generators = [], Size = 1000, Seed = 1, Status = CellStatus.Done,
        Bleu = 21.345678901234, Chrf = 44.5, BleuSignature = "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0",
        ChrfSignature = "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0", Hypotheses = RunLayout.CellHypotheses("human.n1000.s1"),
        TestNll = 2.3107, TestNllTokens = 12345, SentenceNll = RunLayout.CellSentenceNll("human.n1000.s1"),
        Updates = 380, Epochs = 8, TrainSeconds = 41.234, DecodeSeconds = 6.3, Seconds = 47.534,
    };

    static CellResult Failed => new()
    {
        Cell = "synthetic-weak.n1000.s1", Condition = "synthetic-weak", ConditionType = "synthetic", Generators = ["weak"], Size = 1000, Seed = 1,
        Status = CellStatus.Failed, Error = "generator 'weak' failed: \"quoted\", with a comma",
    };

    [Fact]
    public void Every_record_reads_back_as_written()
    {
        var layout = new RunLayout(root);
        Directory.CreateDirectory(layout.Cell(Done.Cell));
        new CellRecord("k1", 0.25, Done).Write(layout.CellRecord(Done.Cell));
        var record = CellRecord.Read(layout.CellRecord(Done.Cell))!;
        Assert.Equal("k1", record.Key);
        Assert.Equal(0.25, record.ScoreSeconds);
        // Wall times are stored to two decimals; everything else exactly.
        Assert.Equal(Done with { TrainSeconds = 41.23, Seconds = 47.53 }, record.Row with { Generators = Done.Generators });
        Assert.Null(CellRecord.ReadCurrent(layout.CellRecord(Done.Cell), "another key"));

        JsonlRecords.Write(layout.Results, [Done.ToJson(), Failed.ToJson()]);
        var rows = JsonlRecords.Read(layout.Results, CellResult.FromJson);
        Assert.Equal([Done.Cell, Failed.Cell], rows.Select(r => r.Cell));
        Assert.Equal(["weak"], rows[1].Generators);
        Assert.Equal(Failed.Error, rows[1].Error);
        Assert.True(rows[0].Done);
        Assert.False(rows[1].Done);
        Assert.Equal((Done with { TrainSeconds = 41.23, Seconds = 47.53 }).ToJsonLine(), rows[0].ToJsonLine());
        // The NLL fields sit after the translations' path, in the documented order; a failed cell has none.
        Assert.Equal(2.3107, rows[0].TestNll);
        Assert.Equal(12345, rows[0].TestNllTokens);
        Assert.Equal("cells/human.n1000.s1/test.nll", rows[0].SentenceNll);
        Assert.Equal(["hypotheses", "test_nll", "test_nll_tokens", "sentence_nll", "updates"], Done.ToJson().Select(kv => kv.Key).SkipWhile(k => k != "hypotheses").Take(5));
        Assert.Null(rows[1].TestNll);
        Assert.Null(rows[1].SentenceNll);

        var data = new DataRow
        {
            Condition = "mix", ConditionType = "mix", Generators = ["strong"], Size = 4000, Description = "half human", Pairs = 4000, DistinctSources = 3999,
            Sources = RunLayout.RelativeArtifact(ArtifactKind.Data, "abc", "train.src"), Targets = "t", HumanTargets = "h", TargetLanguage = "en",
        };
        JsonlRecords.Write(layout.Data, [data.ToJson()]);
        var dataBack = JsonlRecords.Read(layout.Data, DataRow.FromJson).Single();
        Assert.Equal(data with { Generators = dataBack.Generators }, dataBack);
        Assert.Equal(data.Generators, dataBack.Generators);

        var generator = new GeneratorRow { Generator = "weak", Type = "teacher", TestBleu = 6.25, TestChrf = 25, TestHypotheses = "x", Seconds = 95.004 };
        JsonlRecords.Write(layout.Generators, [generator.ToJson()]);
        Assert.Equal(generator with { Seconds = 95.0 }, JsonlRecords.Read(layout.Generators, GeneratorRow.FromJson).Single());

        var plan = new PlanRecord("demo", "/s/demo.yaml", "ff", [new PlanRecord.PlannedCell(Done.Cell, "human", "human", 1000, 1, "k1")]);
        plan.Write(layout.Plan);
        var planBack = PlanRecord.Read(layout.Plan);
        Assert.Equal(plan.Cells, planBack.Cells);
        Assert.Equal("demo", planBack.Study);
    }

    [Fact]
    public void Csv_rows_quote_what_needs_quoting()
    {
        string line = Failed.ToCsvLine();
        Assert.Contains("\"generator 'weak' failed: \"\"quoted\"\", with a comma\"", line);
        Assert.Equal(CellResult.CsvHeader.Split(','), Done.ToJson().Select(kv => kv.Key));
        Assert.Contains(",2.3107,12345,cells/human.n1000.s1/test.nll,", Done.ToCsvLine());
    }

    [Fact]
    public void A_row_of_an_older_version_reads_with_its_missing_fields_named()
    {
        string file = Path.Combine(root, "results.jsonl");
        // A row as an early version wrote it: no updates, epochs or split times.
        File.WriteAllLines(file, ["""{"cell":"human.n1000.s1","condition":"human","condition_type":"human","generators":[],"size":1000,"seed":1,"status":"done","error":null,"bleu":20.5,"chrf":40.1,"bleu_signature":"s","chrf_signature":"c","hypotheses":"cells/human.n1000.s1/test.hyp","seconds":12.5}"""]);
        var absent = new SortedSet<string>();
        var row = JsonlRecords.Read(file, CellResult.FromJson, absent).Single();
        Assert.Equal(20.5, row.Bleu);
        Assert.Null(row.Updates);
        Assert.Equal(["decode_seconds", "epochs", "sentence_nll", "test_nll", "test_nll_tokens", "train_seconds", "updates"], absent);
        Assert.Null(row.TestNll);
    }

    [Fact]
    public void Sentence_nll_files_read_back_as_written_and_a_bad_line_names_its_line()
    {
        string file = Path.Combine(root, "test.nll");
        SentenceNllFile.Write(file, [(12.345678901234567, 9), (0.1, 3)]);
        Assert.Equal(["12.345678901234567\t9", "0.1\t3"], File.ReadAllLines(file));
        var rows = SentenceNllFile.Read(file);
        Assert.Equal([(12.345678901234567, 9L), (0.1, 3L)], rows);
        Assert.Equal(((12.345678901234567 + 0.1) / 12, 12L), SentenceNllFile.Total(rows));

        File.WriteAllLines(file, ["1.5\t4", "2,5\t4"]);
        var e = Assert.Throws<InputException>(() => SentenceNllFile.Read(file));
        Assert.Equal(2, e.Line);
        Assert.Equal(file, e.File);
    }

    [Fact]
    public void A_row_without_a_required_field_names_the_file_and_line()
    {
        string file = Path.Combine(root, "results.jsonl");
        File.WriteAllLines(file, ["", """{"cell":"a","condition":"human","size":1,"seed":1}"""]);
        var e = Assert.Throws<InputException>(() => JsonlRecords.Read(file, CellResult.FromJson));
        Assert.Equal(file, e.File);
        Assert.Equal(2, e.Line);
        Assert.Contains("\"status\"", e.Message);
        File.WriteAllLines(file, ["""{"cell":"a","condition":"human","size":"big","seed":1,"status":"done"}"""]);
        Assert.Contains("\"size\" should be an integer", Assert.Throws<InputException>(() => JsonlRecords.Read(file, CellResult.FromJson)).Message);
    }

    [Fact]
    public void The_marker_claims_new_and_empty_folders_and_refuses_others_without_writing()
    {
        string fresh = Path.Combine(root, "fresh");
        Assert.Equal(new RunMarker("demo", RunMarker.CurrentFormat), RunMarker.Claim(fresh, "demo"));
        Assert.True(File.Exists(Path.Combine(fresh, RunMarker.FileName)));
        Assert.Equal("demo", RunMarker.Claim(fresh, "demo").Study); // the same study again

        var other = Assert.Throws<InputException>(() => RunMarker.Claim(fresh, "paper"));
        Assert.Contains("of study 'demo', not 'paper'", other.Message);

        string users = Path.Combine(root, "users");
        Directory.CreateDirectory(users);
        File.WriteAllText(Path.Combine(users, "notes.txt"), "mine");
        var foreign = Assert.Throws<InputException>(() => RunMarker.Claim(users, "demo"));
        Assert.Contains("not a run directory", foreign.Message);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(users).Select(Path.GetFileName));

        // A run directory an earlier version wrote (plan and spec, no marker): its cache predates the current keys.
        string old = Path.Combine(root, "old");
        Directory.CreateDirectory(old);
        File.WriteAllText(Path.Combine(old, "plan.json"), "{}");
        File.WriteAllText(Path.Combine(old, "spec.yaml"), "name: demo");
        var stale = Assert.Throws<InputException>(() => RunMarker.Claim(old, "demo"));
        Assert.Contains("format 1", stale.Message);
        Assert.Contains("predates", stale.Message);
        Assert.False(File.Exists(Path.Combine(old, RunMarker.FileName)));

        string file = Path.Combine(root, "a-file");
        File.WriteAllText(file, "");
        Assert.Contains("is a file", Assert.Throws<InputException>(() => RunMarker.Claim(file, "demo")).Message);
    }

    [Fact]
    public async Task Workers_started_together_all_claim_the_same_empty_folder()
    {
        // Another process's marker half-written (only its temporary file there) leaves the folder free to claim.
        string pending = Path.Combine(root, "pending");
        Directory.CreateDirectory(pending);
        File.WriteAllText(AtomicFile.TemporaryPathFor(Path.Combine(pending, RunMarker.FileName)), "{\"study\": \"de");
        Assert.Equal("demo", RunMarker.Claim(pending, "demo").Study);

        // Four claimants released at once on each of 100 empty folders: every one is accepted (CI saw a worker refused).
        for (int round = 0; round < 100; round++)
        {
            string folder = Path.Combine(root, $"race-{round}");
            using var start = new Barrier(4);
            var claims = Enumerable.Range(0, 4).Select(_ => Task.Run(() => { start.SignalAndWait(); return RunMarker.Claim(folder, "demo"); })).ToArray();
            Assert.All(await Task.WhenAll(claims), m => Assert.Equal("demo", m.Study));
        }
    }

    [Fact]
    public void A_damaged_marker_or_cell_record_names_its_file()
    {
        File.WriteAllText(Path.Combine(root, RunMarker.FileName), "{\"study\": \"demo\", \"form");
        var marker = Assert.Throws<InputException>(() => RunMarker.Claim(root, "demo"));
        Assert.Equal(Path.Combine(root, RunMarker.FileName), marker.File);
        Assert.Contains("not valid JSON", marker.Message);

        string record = Path.Combine(root, "result.json");
        File.WriteAllText(record, "[1, 2]");
        var cell = Assert.Throws<InputException>(() => CellRecord.Read(record));
        Assert.Equal(record, cell.File);
        Assert.Contains("not a JSON object", cell.Message);
        Assert.Contains("delete the file to rerun the cell", cell.Message);
    }

    [Fact]
    public void A_marker_of_another_format_is_refused()
    {
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, RunMarker.FileName), new JsonObject { ["study"] = "demo", ["format"] = RunMarker.CurrentFormat + 1 }.ToJsonString());
        var e = Assert.Throws<InputException>(() => RunMarker.Claim(root, "demo"));
        Assert.Contains($"format {RunMarker.CurrentFormat + 1}", e.Message);
        Assert.Equal(RunMarker.CurrentFormat + 1, RunMarker.FormatOf(root));
    }
}
