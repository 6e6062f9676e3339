using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Regurgitate.IO;
using Regurgitate.Runtime;

namespace Regurgitate.Studies;

/// <summary>The study-level files of a run directory that the report reads (docs/run-directory.md), each written atomically.</summary>
internal static class RunDirectoryFiles
{
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Creates the run directory with the spec, the test set and the plan (a child running one cell writes only what is missing).</summary>
    public static void Prepare(StudyPlan plan, StudyKeys keys, ArtifactStore store, bool writeShared)
    {
        string run = store.RunDirectory;
        Directory.CreateDirectory(run);
        void Write(string name, Action<string> write)
        {
            string path = Path.Combine(run, name);
            if (writeShared || !File.Exists(path)) write(path);
        }
        Write("spec.yaml", p => AtomicFile.WriteAllText(p, plan.Spec.Text));
        Write("test.src", p => AtomicFile.WriteAllLines(p, plan.Test.Select(t => OneLine(t.Source))));
        Write("test.ref", p => AtomicFile.WriteAllLines(p, plan.Test.Select(t => OneLine(t.Target))));
        Write("plan.json", p => AtomicFile.WriteAllText(p, new JsonObject
        {
            ["study"] = plan.Spec.Name,
            ["spec"] = Path.GetFullPath(plan.Spec.File),
            ["spec_sha256"] = plan.Spec.Sha256,
            ["cells"] = new JsonArray(plan.Cells.Select(c => (JsonNode)new JsonObject
            {
                ["cell"] = c.Id, ["condition"] = c.Condition.Name, ["condition_type"] = c.Condition.Type, ["size"] = c.Size, ["seed"] = c.Seed,
                ["key"] = keys.Cell(c),
            }).ToArray()),
        }.ToJsonString(Indented)));
        if (writeShared || !File.Exists(Path.Combine(run, "run.json"))) WriteRunJson(plan, keys, store, null, complete: false);
    }

    /// <summary>data.jsonl (each condition's data at its largest size) and generators.jsonl.</summary>
    public static void WriteDataAndGenerators(StudyPlan plan, StudyKeys keys, ArtifactStore store, Func<ConditionData> data, IReadOnlyDictionary<string, string> failures)
    {
        var rows = new List<string>();
        foreach (var condition in plan.Spec.Conditions)
        {
            if (condition.Generators.Any(g => failures.ContainsKey(g) || store.Done("generated", keys.Generations[g]) == null)) continue;
            if (condition.Scores.Any(s => store.Done("scores", keys.Scores[s.Id]) == null)) continue;
            string key = keys.Data(condition);
            var built = store.GetOrBuild("data", key, folder =>
            {
                var pairs = condition.Compose(data(), plan.MaxSize);
                AtomicFile.WriteAllLines(Path.Combine(folder, "train.src"), pairs.Select(p => OneLine(p.Source)));
                AtomicFile.WriteAllLines(Path.Combine(folder, "train.tgt"), pairs.Select(p => OneLine(p.Target)));
                AtomicFile.WriteAllLines(Path.Combine(folder, "human.tgt"), pairs.Select(p => OneLine(p.HumanTarget)));
                AtomicFile.WriteAllLines(Path.Combine(folder, "origin.txt"), pairs.Select(p => p.Origin));
                return new JsonObject { ["pairs"] = pairs.Count, ["distinct_sources"] = pairs.Select(p => p.Source).Distinct().Count() };
            }, CancellationToken.None);
            rows.Add(new JsonObject
            {
                ["condition"] = condition.Name,
                ["condition_type"] = condition.Type,
                ["generators"] = new JsonArray(condition.Generators.Select(g => (JsonNode?)JsonValue.Create(g)).ToArray()),
                ["size"] = plan.MaxSize,
                ["description"] = condition.Description,
                ["pairs"] = built["pairs"]?.DeepClone(),
                ["distinct_sources"] = built["distinct_sources"]?.DeepClone(),
                ["sources"] = ArtifactStore.Relative("data", key, "train.src"),
                ["targets"] = ArtifactStore.Relative("data", key, "train.tgt"),
                ["human_targets"] = ArtifactStore.Relative("data", key, "human.tgt"),
                ["target_lang"] = plan.Spec.Data.Languages.Target,
            }.ToJsonString());
        }
        AtomicFile.WriteAllLines(Path.Combine(store.RunDirectory, "data.jsonl"), rows);

        var generators = new List<string>();
        foreach (var generator in plan.Spec.Generators)
        {
            var generated = store.Done("generated", keys.Generations[generator.Name]);
            var teacher = generator is TeacherGenerator ? store.Done("teacher", keys.Teachers[generator.Name]) : null;
            double? seconds = generated == null && teacher == null ? null : Seconds(generated) + Seconds(teacher);
            generators.Add(new JsonObject
            {
                ["generator"] = generator.Name,
                ["type"] = generator.Type,
                ["description"] = generator.Description,
                ["test_bleu"] = teacher?["test_bleu"]?.DeepClone(),
                ["test_chrf"] = teacher?["test_chrf"]?.DeepClone(),
                ["test_hypotheses"] = teacher == null ? null : ArtifactStore.Relative("teacher", keys.Teachers[generator.Name], "test.hyp"),
                ["seconds"] = seconds is double s ? Math.Round(s, 2) : null,
                ["error"] = failures.TryGetValue(generator.Name, out var error) ? error : null,
            }.ToJsonString());
        }
        AtomicFile.WriteAllLines(Path.Combine(store.RunDirectory, "generators.jsonl"), generators);
    }

    static double Seconds(JsonObject? done) => done?["seconds"] is JsonNode n ? (double)n : 0;

    /// <summary>run.json: study-level facts; <paramref name="complete"/> sets "finished".</summary>
    public static void WriteRunJson(StudyPlan plan, StudyKeys keys, ArtifactStore store, StudyRunOptions? options, bool complete)
    {
        var spec = plan.Spec;
        string path = Path.Combine(store.RunDirectory, "run.json");
        string started = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        if (File.Exists(path) && JsonNode.Parse(File.ReadAllText(path))?["started"] is JsonNode before) started = (string)before!;
        var runtime = TorchRuntime.Describe();
        string tokenizer = spec.Student.Init != null ? $"the init checkpoint's tokenizer ({spec.Student.Init})"
            : spec.Student.TokenizerPath != null ? $"given: {spec.Student.TokenizerPath}"
            : $"joint BPE {spec.Student.VocabularySize}, trained on both sides of the human student pool ({plan.MaxSize:N0} pairs)";
        string dropped = plan.OverlapDropped == 0 ? "" : $"; {plan.OverlapDropped} pair(s) sharing a sentence with valid/test left out";
        var teachers = plan.TeacherPools.Count == 0 ? "" : "; teachers' pools: " + string.Join(", ", plan.TeacherPools.Select(t => $"{t.Key} {t.Value.Count:N0} pairs"))
            + " from the rest, disjoint from the student pool";
        double stage(string kind, IEnumerable<string> keysOf) => keysOf.Select(k => Seconds(store.Done(kind, k))).Sum();
        var results = plan.Cells.Select(c => ResultRecord(store, c, keys)).Where(r => r != null).Select(r => r!).ToList();
        var rows = results.Select(r => CellResult.FromJson(r["row"]!.AsObject())).Where(r => r.Status == "done").ToList();
        var record = new JsonObject
        {
            ["study"] = spec.Name,
            ["spec_sha256"] = spec.Sha256,
            ["direction"] = spec.Data.Languages.ToString(),
            ["train_pool"] = $"{spec.Data.Train.Description} (seeded sample of {plan.StudentPool.Count:N0} of {plan.TrainPairs:N0} pairs, seed {spec.Data.PoolSeed}{dropped}{teachers})",
            ["valid"] = Describe(spec.Data.Valid, plan.Valid.Count, spec.Data.ValidLimit),
            ["test"] = Describe(spec.Data.Test, plan.Test.Count, spec.Data.TestLimit),
            ["student"] = spec.ApiStudent is ApiStudentSpec api ? new JsonObject
            {
                ["type"] = ApiStudentSpec.Type,
                ["base_model"] = api.Chat.Model,
                ["endpoint"] = api.Chat.BaseUrl.ToString(),
                ["fine_tuning"] = api.Describe(),
                ["prompt"] = api.Chat.Prompt.Text,
            } : new JsonObject
            {
                ["preset"] = spec.Student.Preset,
                ["tokenizer"] = tokenizer,
                ["budget"] = spec.Student.DescribeBudget(),
                ["init"] = spec.Student.Init,
                ["search"] = spec.Student.DescribeDecoding(),
            },
            ["versions"] = new JsonObject
            {
                ["regurg"] = typeof(StudyRunner).Assembly.GetName().Version?.ToString(3) ?? "unknown",
                ["torchsharp"] = runtime.TorchSharpVersion,
                ["libtorch"] = runtime.LibTorchVersion,
                ["dotnet"] = Environment.Version.ToString(),
            },
            ["hardware"] = new JsonObject
            {
                ["cpu"] = CpuName(),
                ["cores"] = Environment.ProcessorCount,
                ["threads_per_job"] = options?.ThreadsPerJob ?? runtime.Threads,
                ["jobs"] = options?.Jobs ?? 1,
                ["device"] = "cpu",
                ["os"] = RuntimeInformation.OSDescription,
            },
            ["stage_seconds"] = new JsonObject
            {
                ["tokenizer"] = Math.Round(stage("tokenizer", [keys.Tokenizer]), 2),
                ["teachers"] = Math.Round(stage("teacher", keys.Teachers.Values), 2),
                ["generation"] = Math.Round(stage("generated", keys.Generations.Values.Concat(keys.HeldOutGenerations.Values)), 2),
                ["pair_scores"] = Math.Round(stage("scores", keys.Scores.Values), 2),
                ["students"] = Math.Round(rows.Sum(r => (r.TrainSeconds ?? 0) + (r.DecodeSeconds ?? 0)), 2),
                ["scoring"] = Math.Round(results.Sum(r => r["score_seconds"] is JsonNode n ? (double)n : 0), 2),
            },
            ["started"] = started,
            ["finished"] = complete ? DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : null,
        };
        AtomicFile.WriteAllText(path, record.ToJsonString(Indented));
    }

    /// <summary>Whether the study-level files were written after the last cell result (run.json is written last when closing).</summary>
    public static bool ClosedAfterResults(ArtifactStore store, StudyPlan plan)
    {
        string runJson = Path.Combine(store.RunDirectory, "run.json"), data = Path.Combine(store.RunDirectory, "data.jsonl");
        if (!File.Exists(runJson) || !File.Exists(data)) return false;
        var results = plan.Cells.Select(c => Path.Combine(store.RunDirectory, "cells", c.Id, "result.json")).Where(File.Exists).Select(File.GetLastWriteTimeUtc);
        return !results.Any() || File.GetLastWriteTimeUtc(runJson) >= results.Max();
    }

    /// <summary>A cell's result.json when it belongs to the current inputs.</summary>
    public static JsonObject? ResultRecord(ArtifactStore store, StudyCell cell, StudyKeys keys)
    {
        string file = Path.Combine(store.RunDirectory, "cells", cell.Id, "result.json");
        if (!File.Exists(file)) return null;
        var record = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        return (string?)record["key"] == keys.Cell(cell) ? record : null;
    }

    static string Describe(CorpusReference reference, int count, int? limit) =>
        limit is int n ? $"{reference.Description} (seeded sample of {count:N0} pairs)" : $"{reference.Description} ({count:N0} pairs)";

    static string CpuName()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                    if (line.StartsWith("model name", StringComparison.Ordinal)) return line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException) { }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    static string OneLine(string text) => text.Replace('\n', ' ').Replace('\r', ' ');
}
