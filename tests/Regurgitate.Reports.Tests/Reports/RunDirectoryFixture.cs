using System.Globalization;
using System.Text.Json;
using Regurgitate.RunDirectories;

namespace Regurgitate.Tests.Reports;

/// <summary>
/// Builds run directories as docs/run-directory.md defines them from real data: WMT17 en→de
/// systems' outputs on newstest2017 stand in for students' translations, so BLEU, the paired
/// bootstrap, error analysis and diversity run on real text with known sacreBLEU scores.
/// </summary>
internal static class RunDirectoryFixture
{
    public const string Systems = "wmt17-newstest-en-de-systems";

    /// <summary>Which WMT17 system plays each cell: condition → size → (seed 1, seed 2).</summary>
    public static readonly Dictionary<string, Dictionary<int, string[]>> Cells = new()
    {
        ["human"] = new() { [1000] = ["online-A.0.de", "TALP-UPC.4834.de"], [2000] = ["RWTH-nmt-ensemble.4921.de", "KIT.4950.de"], [4000] = ["xmu.4910.de", "SYSTRAN.4847.de"] },
        ["synthetic-weak"] = new() { [1000] = ["online-F.0.de", "PROMT-Rule-based.4735.de"], [2000] = ["PROMT-Rule-based.4735.de", "online-G.0.de"], [4000] = ["online-G.0.de", "online-A.0.de"] },
        ["synthetic-strong"] = new() { [1000] = ["C-3MA.4959.de", "TALP-UPC.4834.de"], [2000] = ["FBK.4870.de", "LMU-nmt-single.4893.de"], [4000] = ["LMU-nmt-reranked.4934.de", "uedin-nmt.4722.de"] },
        ["mix"] = new() { [1000] = ["PROMT-Rule-based.4735.de", "online-G.0.de"], [2000] = ["C-3MA.4959.de", "online-A.0.de"], [4000] = ["KIT.4950.de", "FBK.4870.de"] },
    };

    static readonly Dictionary<string, (string Type, string[] Generators)> Conditions = new()
    {
        ["human"] = ("human", []),
        ["synthetic-weak"] = ("synthetic", ["weak"]),
        ["synthetic-strong"] = ("synthetic", ["strong"]),
        ["mix"] = ("mix", ["weak", "strong"]),
    };

    /// <summary>sacreBLEU 2.6.0's scores of every system (expected-sacrebleu-2.6.0.json).</summary>
    public static (double Bleu, double Chrf) Expected(string system)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(TestData.PathOf(Systems, "expected-sacrebleu-2.6.0.json")));
        var s = json.RootElement.GetProperty(system);
        return (s.GetProperty("bleu").GetProperty("score").GetDouble(), s.GetProperty("chrf").GetProperty("score").GetDouble());
    }

    public static string CellId(string condition, int size, int seed) => $"{condition}.n{size}.s{seed}";

    /// <summary>
    /// Writes a run directory under a new temporary folder and returns its path. <paramref name="cells"/>
    /// replaces the default assignment; <paramref name="failed"/> names cells recorded as failed.
    /// </summary>
    public static string Create(Dictionary<string, Dictionary<int, string[]>>? cells = null, ISet<string>? failed = null, bool withData = true)
    {
        cells ??= Cells;
        failed ??= new HashSet<string>();
        string root = Path.Combine(Path.GetTempPath(), "regurg-report-" + Guid.NewGuid().ToString("N")[..10], "demo");
        Directory.CreateDirectory(root);
        string systems = TestData.PathOf(Systems);
        var sources = TestData.GzipLines("opus-mt-testsets/testsets/deu-eng/newstest2017.eng.gz", 3004);
        File.WriteAllText(Path.Combine(root, "test.src"), string.Join("\n", sources) + "\n");
        File.Copy(Path.Combine(systems, "reference.de"), Path.Combine(root, "test.ref"));
        File.WriteAllText(Path.Combine(root, "spec.yaml"), """
            # fixture: WMT17 en-de systems stand in for students
            name: demo
            data: { pool: "wmt-news:newstest2017:en-de", test: "wmt-news:newstest2017:en-de" }
            generators:
              weak: { type: file, path: online-F.0.de }
              strong: { type: file, path: uedin-nmt.4722.de }
            conditions: [human, {synthetic: weak}, {synthetic: strong}, {mix: {human: 0.5, weak: 0.5}}]
            sizes: [1000, 2000, 4000]
            seeds: [1, 2]
            """);
        File.WriteAllText(Path.Combine(root, "run.json"), """
            { "study": "demo", "spec_sha256": "0123abcd", "direction": "en-de",
              "train_pool": "wmt-news:newstest2017:en-de (fixture)", "valid": "none", "test": "wmt-news:newstest2017:en-de (3004 pairs)",
              "student": { "preset": "tiny", "tokenizer": "joint BPE 4000", "budget": "25 epochs", "init": null },
              "versions": { "regurg": "0.1.0", "torchsharp": "0.107.0", "libtorch": "2.7.1", "dotnet": "10.0.0" },
              "hardware": { "cpu": "fixture CPU", "cores": 2, "threads_per_job": 2, "jobs": 1, "device": "cpu", "os": "Linux" },
              "stage_seconds": { "tokenizer": 3.1, "teachers": 312.0, "generation": 80.2, "students": 400.1, "scoring": 4.2 },
              "started": "2026-12-02T17:00:00Z", "finished": "2026-12-02T17:14:10Z" }
            """);

        var rows = new List<string>();
        foreach (var (condition, bySize) in cells)
        {
            var (type, generators) = Conditions[condition];
            foreach (var (size, systemsOfSeeds) in bySize.OrderBy(kv => kv.Key))
            {
                for (int s = 0; s < systemsOfSeeds.Length; s++)
                {
                    int seed = s + 1;
                    string id = CellId(condition, size, seed);
                    string system = systemsOfSeeds[s];
                    bool isFailed = failed.Contains(id);
                    string hyp = $"cells/{id}/test.hyp";
                    Directory.CreateDirectory(Path.Combine(root, "cells", id));
                    if (!isFailed) File.Copy(Path.Combine(systems, system), Path.Combine(root, hyp));
                    var (bleu, chrf) = Expected(system);
                    rows.Add(JsonSerializer.Serialize(new Dictionary<string, object?>
                    {
                        ["cell"] = id, ["condition"] = condition, ["condition_type"] = type, ["generators"] = generators,
                        ["size"] = size, ["seed"] = seed, ["status"] = isFailed ? "failed" : "done",
                        ["error"] = isFailed ? "student training diverged: loss is NaN after 120 updates" : null,
                        ["bleu"] = isFailed ? null : bleu, ["chrf"] = isFailed ? null : chrf,
                        ["bleu_signature"] = "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0",
                        ["chrf_signature"] = "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0",
                        // WMT systems, not students: no NLL of the references (as for an API student).
                        ["hypotheses"] = isFailed ? null : hyp, ["test_nll"] = null, ["test_nll_tokens"] = null, ["sentence_nll"] = null,
                        ["updates"] = 380, ["epochs"] = 25,
                        ["train_seconds"] = 41.2, ["decode_seconds"] = 6.3, ["seconds"] = 49.0 + size / 1000.0,
                    }));
                }
            }
        }
        File.WriteAllText(Path.Combine(root, "results.jsonl"), string.Join("\n", rows) + "\n");

        if (withData)
        {
            string data = Path.Combine(root, "artifacts", "data");
            Directory.CreateDirectory(data);
            File.WriteAllText(Path.Combine(data, "train.src"), string.Join("\n", sources) + "\n");
            var reference = File.ReadAllLines(Path.Combine(systems, "reference.de"));
            var weak = File.ReadAllLines(Path.Combine(systems, "online-F.0.de"));
            File.Copy(Path.Combine(systems, "reference.de"), Path.Combine(data, "human.tgt"));
            // As the runner writes it: the human condition's targets in a file of their own, equal to the human targets.
            File.Copy(Path.Combine(systems, "reference.de"), Path.Combine(data, "human-condition.tgt"));
            File.Copy(Path.Combine(systems, "online-F.0.de"), Path.Combine(data, "weak.tgt"));
            File.Copy(Path.Combine(systems, "uedin-nmt.4722.de"), Path.Combine(data, "strong.tgt"));
            // The mix: every source once, its target from the human reference or the weak system by turns.
            File.WriteAllText(Path.Combine(data, "mix.tgt"), string.Join("\n", reference.Select((r, i) => i % 2 == 0 ? r : weak[i])) + "\n");
            var dataRows = new[] { ("human", "human-condition.tgt"), ("synthetic-weak", "weak.tgt"), ("synthetic-strong", "strong.tgt"), ("mix", "mix.tgt") }
                .Where(d => cells.ContainsKey(d.Item1))
                .Select(d => JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["condition"] = d.Item1, ["condition_type"] = Conditions[d.Item1].Type, ["generators"] = Conditions[d.Item1].Generators,
                    ["size"] = 3004, ["description"] = null, ["pairs"] = 3004, ["distinct_sources"] = 3004, ["pool"] = 3004, ["ordering"] = null,
                    ["sources"] = "artifacts/data/train.src", ["targets"] = "artifacts/data/" + d.Item2,
                    ["human_targets"] = "artifacts/data/human.tgt", ["target_lang"] = "de",
                }));
            File.WriteAllText(Path.Combine(root, "data.jsonl"), string.Join("\n", dataRows) + "\n");
        }

        var (weakBleu, weakChrf) = Expected("online-F.0.de");
        var (strongBleu, strongChrf) = Expected("uedin-nmt.4722.de");
        File.WriteAllText(Path.Combine(root, "generators.jsonl"), string.Join("\n",
            JsonSerializer.Serialize(new Dictionary<string, object?> { ["generator"] = "weak", ["type"] = "file", ["description"] = "WMT17 online-F outputs",
                ["test_bleu"] = weakBleu, ["test_chrf"] = weakChrf, ["test_hypotheses"] = null, ["seconds"] = 0.4, ["error"] = null }),
            JsonSerializer.Serialize(new Dictionary<string, object?> { ["generator"] = "strong", ["type"] = "file", ["description"] = "WMT17 uedin-nmt outputs",
                ["test_bleu"] = strongBleu, ["test_chrf"] = strongChrf, ["test_hypotheses"] = null, ["seconds"] = 0.4, ["error"] = null })) + "\n");
        File.WriteAllText(Path.Combine(root, RunMarker.FileName), $"{{\"study\": \"demo\", \"format\": {RunMarker.CurrentFormat}}}");
        return root;
    }

    /// <summary>Removes a directory <see cref="Create"/> made (its temporary parent included), unless REGURG_KEEP_REPORT=1 asks to keep it for a look.</summary>
    public static void Delete(string root)
    {
        if (Environment.GetEnvironmentVariable("REGURG_KEEP_REPORT") == "1") return;
        try { Directory.Delete(Path.GetDirectoryName(root)!, recursive: true); }
        catch (IOException) { }
    }

    public static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
