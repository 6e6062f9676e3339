using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Regurgitate.IO;
using Regurgitate.RunDirectories;
using Regurgitate.Runtime;

namespace Regurgitate.Studies;

/// <summary>The study-level files of a run directory that the report reads (docs/run-directory.md), each written atomically.</summary>
internal static class RunDirectoryFiles
{
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// Makes the run directory this study's (<see cref="RunMarker.Claim"/>: nothing is written into another study's folder
    /// or a folder of other files), then writes the spec, the test set and the plan (a child running one cell writes only
    /// what is missing).
    /// </summary>
    public static void Prepare(RunContext run, bool writeShared)
    {
        RunMarker.Claim(run.Layout.Root, run.Spec.Name);
        var plan = run.Plan;
        var layout = run.Layout;
        void Write(string path, Action<string> write)
        {
            if (writeShared || !File.Exists(path)) write(path);
        }
        Write(layout.Spec, p => AtomicFile.WriteAllText(p, plan.Spec.Text));
        Write(layout.TestSource, p => AtomicFile.WriteAllLines(p, plan.Test.Select(t => RunContext.OneLine(t.Source))));
        Write(layout.TestReference, p => AtomicFile.WriteAllLines(p, plan.Test.Select(t => RunContext.OneLine(t.Target))));
        Write(layout.Plan, p => new PlanRecord(plan.Spec.Name, Path.GetFullPath(plan.Spec.File), plan.Spec.Sha256,
            plan.Cells.Select(c => new PlanRecord.PlannedCell(c.Id, c.Condition.Name, c.Condition.Type, c.Size, c.Seed, run.Keys.Cell(c))).ToList()).Write(p));
        if (writeShared || !File.Exists(layout.RunJson)) WriteRunJson(run, complete: false);
    }

    /// <summary>The study-level files from what the run directory holds: data.jsonl, generators.jsonl, results and run.json.</summary>
    public static void Close(RunContext run)
    {
        WriteDataAndGenerators(run);
        run.Results.Rewrite();
        WriteRunJson(run, complete: run.Plan.Cells.All(run.Results.IsDone));
    }

    /// <summary>data.jsonl (each condition's data at its largest size) and generators.jsonl.</summary>
    public static void WriteDataAndGenerators(RunContext run)
    {
        var (plan, keys, store, failures) = (run.Plan, run.Keys, run.Store, run.GeneratorFailures);
        var rows = new List<JsonObject>();
        foreach (var condition in plan.Spec.Conditions)
        {
            if (condition.Generators.Any(g => failures.ContainsKey(g) || store.Done(ArtifactKind.Generated, keys.Generations[g]) == null)) continue;
            if (condition.Scores.Any(s => store.Done(ArtifactKind.Scores, keys.Scores[s.Id]) == null)) continue;
            string key = keys.Data(condition);
            var built = store.GetOrBuild(ArtifactKind.Data, key, folder =>
            {
                var pairs = condition.Compose(run.Inputs(), plan.MaxSize);
                AtomicFile.WriteAllLines(Path.Combine(folder, "train.src"), pairs.Select(p => RunContext.OneLine(p.Source)));
                AtomicFile.WriteAllLines(Path.Combine(folder, "train.tgt"), pairs.Select(p => RunContext.OneLine(p.Target)));
                AtomicFile.WriteAllLines(Path.Combine(folder, "human.tgt"), pairs.Select(p => RunContext.OneLine(p.HumanTarget)));
                AtomicFile.WriteAllLines(Path.Combine(folder, "origin.txt"), pairs.Select(p => p.Origin));
                return new JsonObject { ["pairs"] = pairs.Count, ["distinct_sources"] = pairs.Select(p => p.Source).Distinct().Count() };
            }, CancellationToken.None);
            rows.Add(new DataRow
            {
                Condition = condition.Name,
                ConditionType = condition.Type,
                Generators = condition.Generators,
                Size = plan.MaxSize,
                Description = condition.Description,
                Pairs = built["pairs"] is JsonNode pairs ? (int)pairs : null,
                DistinctSources = built["distinct_sources"] is JsonNode distinct ? (int)distinct : null,
                // Equal-pool comparisons: a condition that chooses by a score had the whole pool to choose from.
                Pool = condition.SelectsFromWholePool ? plan.StudentPool.Count : plan.MaxSize,
                Ordering = condition.Ordering,
                Sources = RunLayout.RelativeArtifact(ArtifactKind.Data, key, "train.src"),
                Targets = RunLayout.RelativeArtifact(ArtifactKind.Data, key, "train.tgt"),
                HumanTargets = RunLayout.RelativeArtifact(ArtifactKind.Data, key, "human.tgt"),
                TargetLanguage = plan.Spec.Data.Languages.Target,
            }.ToJson());
        }
        JsonlRecords.Write(run.Layout.Data, rows);

        var generators = new List<JsonObject>();
        foreach (var generator in plan.Spec.Generators)
        {
            var generated = store.Done(ArtifactKind.Generated, keys.Generations[generator.Name]);
            var teacher = generator is TeacherGenerator ? store.Done(ArtifactKind.Teacher, keys.Teachers[generator.Name]) : null;
            generators.Add(new GeneratorRow
            {
                Generator = generator.Name,
                Type = generator.Type,
                Description = generator.Description,
                TestBleu = teacher?["test_bleu"] is JsonNode bleu ? (double)bleu : null,
                TestChrf = teacher?["test_chrf"] is JsonNode chrf ? (double)chrf : null,
                TestHypotheses = teacher == null ? null : RunLayout.RelativeArtifact(ArtifactKind.Teacher, keys.Teachers[generator.Name], "test.hyp"),
                Seconds = generated == null && teacher == null ? null : Seconds(generated) + Seconds(teacher),
                Error = failures.TryGetValue(generator.Name, out var error) ? error : null,
            }.ToJson());
        }
        JsonlRecords.Write(run.Layout.Generators, generators);
    }

    static double Seconds(JsonObject? done) => done?["seconds"] is JsonNode n ? (double)n : 0;

    /// <summary>run.json: study-level facts; <paramref name="complete"/> sets "finished".</summary>
    public static void WriteRunJson(RunContext run, bool complete)
    {
        var (plan, keys, store, options) = (run.Plan, run.Keys, run.Store, run.Options);
        var spec = plan.Spec;
        string path = run.Layout.RunJson;
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
        var results = plan.Cells.Select(c => CellRecord.ReadCurrent(run.Layout.CellRecord(c.Id), keys.Cell(c))).Where(r => r != null).Select(r => r!).ToList();
        var rows = results.Select(r => r.Row).Where(r => r.Status == CellStatus.Done).ToList();
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
                ["threads_per_job"] = options.ThreadsPerJob,
                ["jobs"] = options.Jobs,
                ["device"] = "cpu",
                ["os"] = RuntimeInformation.OSDescription,
            },
            ["stage_seconds"] = new JsonObject
            {
                ["tokenizer"] = Math.Round(stage(ArtifactKind.Tokenizer, [keys.Tokenizer]), 2),
                ["teachers"] = Math.Round(stage(ArtifactKind.Teacher, keys.Teachers.Values), 2),
                ["generation"] = Math.Round(stage(ArtifactKind.Generated, keys.Generations.Values.Concat(keys.HeldOutGenerations.Values)), 2),
                ["pair_scores"] = Math.Round(stage(ArtifactKind.Scores, keys.Scores.Values), 2),
                ["students"] = Math.Round(rows.Sum(r => (r.TrainSeconds ?? 0) + (r.DecodeSeconds ?? 0)), 2),
                ["scoring"] = Math.Round(results.Sum(r => r.ScoreSeconds), 2),
            },
            ["started"] = started,
            ["finished"] = complete ? DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : null,
        };
        AtomicFile.WriteAllText(path, record.ToJsonString(Indented));
    }

    /// <summary>Whether the study-level files were written after the last cell result (run.json is written last when closing).</summary>
    public static bool ClosedAfterResults(RunContext run)
    {
        var layout = run.Layout;
        if (!File.Exists(layout.RunJson) || !File.Exists(layout.Data)) return false;
        var results = run.Plan.Cells.Select(c => layout.CellRecord(c.Id)).Where(File.Exists).Select(File.GetLastWriteTimeUtc);
        return !results.Any() || File.GetLastWriteTimeUtc(layout.RunJson) >= results.Max();
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

}
