using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Regurgitate.Corpora;
using Regurgitate.Decoding;
using Regurgitate.Generators;
using Regurgitate.IO;
using Regurgitate.Metrics;
using Regurgitate.Progress;
using Regurgitate.Runtime;
using Regurgitate.Tokenization;
using Regurgitate.Training;

namespace Regurgitate.Studies;

/// <summary>
/// Runs a study's plan into its run directory (docs/run-directory.md): the students' tokenizer, the
/// teachers, the generated corpora, then the cells, each artifact cached under a key of its inputs, so a
/// rerun (after an edit, a failure or kill -9) does only what is missing. A failed cell is recorded with
/// its reason and the others go on. Cancellation stops taking new work; a training run in flight saves a
/// checkpoint first, and results.jsonl is rewritten before the cancellation propagates.
/// </summary>
public sealed class StudyRunner
{
    readonly StudyPlan plan;
    readonly StudyRunOptions options;
    readonly ArtifactStore store;
    readonly Action<string> log;
    readonly IProgress<ProgressUpdate>? progress;
    readonly Dictionary<string, string> generatorFailures = new();
    readonly Dictionary<string, string> scoreFailures = new();
    ConditionData? conditionData;
    // A worker does not wait for shared artifacts another process is building; it does other work meanwhile.
    bool waitForOthers = true;

    /// <summary>A runner of <paramref name="plan"/>; <paramref name="log"/> gets one line per event worth telling.</summary>
    public StudyRunner(StudyPlan plan, StudyRunOptions options, Action<string>? log = null, IProgress<ProgressUpdate>? progress = null)
    {
        if (options.Jobs < 1) throw new InputException($"--jobs must be at least 1, not {options.Jobs}");
        if (options.Threads is < 1) throw new InputException($"--threads must be at least 1, not {options.Threads}");
        this.plan = plan;
        this.options = options;
        store = new ArtifactStore(options.RunDirectory);
        this.log = log ?? (_ => { });
        this.progress = progress;
        Keys = new StudyKeys(plan);
        if (options.Cell != null && options.Worker) throw new InputException("--cell and --worker exclude each other", hint: "a worker takes whichever cell is free; --cell runs one");
        if (options.Cell != null) StudyUnits.Check(plan, options.Cell);
    }

    /// <summary>The artifacts' keys.</summary>
    public StudyKeys Keys { get; }

    string Run => store.RunDirectory;
    StudySpec Spec => plan.Spec;

    /// <summary>Runs what is missing; returns how the cells stand.</summary>
    public StudyRunSummary Execute(CancellationToken cancellation = default)
    {
        CheckCost();
        if (options.Cell is string unit && StudyUnits.IsShared(unit)) return ExecuteUnit(unit, cancellation);
        if (options.Worker) return ExecuteAsWorker(cancellation);
        // The shared stages of a parallel run (tokenizer, teachers, generation) run alone, so they may use every core.
        TorchRuntime.SetThreads(options.Jobs > 1 && options.Cell == null ? options.Threads ?? Environment.ProcessorCount : options.ThreadsPerJob);
        var cells = options.Cell != null ? [plan.Cell(options.Cell)] : plan.Cells;
        RunDirectoryFiles.Prepare(plan, Keys, store, writeShared: options.Cell == null);
        try
        {
            // Quality scores compare a generator's targets with every other generator's (agreement), so they need them all.
            bool allGenerators = cells.Any(c => c.Condition.Scores.Any(r => r.Kind == PairScoreRequest.Quality));
            var generators = Spec.Generators.Where(g => allGenerators || cells.Any(c => c.Condition.Generators.Contains(g.Name))).ToList();
            if (Spec.ApiStudent == null) Tokenizer(cancellation);
            foreach (var generator in generators) Generate(generator, cancellation);
            foreach (var request in cells.SelectMany(c => c.Condition.Scores).Distinct()) ScorePairs(request, cancellation);
            if (options.Cell == null) RunDirectoryFiles.WriteDataAndGenerators(plan, Keys, store, LoadConditionData, generatorFailures);

            var pending = cells.Where(c => !IsDone(c)).ToList();
            if (pending.Count < cells.Count) log($"{cells.Count - pending.Count} of {cells.Count} cells already done (cached)");
            int finished = cells.Count - pending.Count;
            void Finished(StudyCell cell, CellResult result)
            {
                finished++;
                Tell(cell, result, finished, cells.Count);
                RewriteResults();
            }
            progress?.Report(new ProgressUpdate("study", finished, cells.Count, "cells"));
            if (options.Jobs > 1 && options.Cell == null && pending.Count > 1) RunInChildren(pending, Finished, cancellation);
            else
                foreach (var cell in pending)
                {
                    cancellation.ThrowIfCancellationRequested();
                    Finished(cell, RunCellRecorded(cell, cancellation));
                }
        }
        finally
        {
            RewriteResults();
            if (options.Cell == null) RunDirectoryFiles.WriteRunJson(plan, Keys, store, options, complete: plan.Cells.All(IsDone));
        }
        return Summary(cells) with { Closed = options.Cell == null };
    }

    StudyRunSummary Summary(IReadOnlyList<StudyCell> cells)
    {
        var rows = cells.Select(ReadResult).Where(r => r != null).ToList();
        return new StudyRunSummary(cells.Count, rows.Count(r => r!.Status == "done"), rows.Count(r => r!.Status == "failed"), Run);
    }

    /// <summary>Refuses to start API cells whose estimated cost exceeds the spec's `confirm_above` unless the user confirmed it (--yes).</summary>
    void CheckCost()
    {
        if (Spec.ApiStudent is not { ConfirmAbove: double limit } || options.ConfirmedCost) return;
        if (options.Cell != null && StudyUnits.IsShared(options.Cell)) return;
        var cells = options.Cell != null ? [plan.Cell(options.Cell)] : plan.Cells;
        var pending = cells.Where(c => store.Done("student", Keys.Student(c)) == null).ToList();
        double cost = ApiCostEstimate.For(plan, pending).Sum(e => e.Cost ?? 0);
        if (cost > limit)
            throw new InputException(string.Create(CultureInfo.InvariantCulture,
                $"the {pending.Count} API cell(s) still to fine-tune are estimated to cost ${cost:F2}, above the spec's confirm_above (${limit:F2}); nothing was sent"),
                Spec.File, hint: "see the estimate with `regurg study plan SPEC`, then rerun with --yes to spend it");
    }

    /// <summary>Writes the run directory's study files (spec, test set, plan) where missing, and runs nothing.</summary>
    public void Prepare() => RunDirectoryFiles.Prepare(plan, Keys, store, writeShared: false);

    /// <summary>Runs one shared unit (<see cref="StudyUnits"/>): the tokenizer, one generator, or the closing report step.</summary>
    StudyRunSummary ExecuteUnit(string unit, CancellationToken cancellation)
    {
        TorchRuntime.SetThreads(options.ThreadsPerJob);
        RunDirectoryFiles.Prepare(plan, Keys, store, writeShared: false);
        int failed = 0;
        if (unit == StudyUnits.Tokenizer) Tokenizer(cancellation);
        else if (unit == StudyUnits.Report)
        {
            Close();
            return Summary(plan.Cells) with { Closed = true };
        }
        else
        {
            var generator = Spec.Generators.Single(g => StudyUnits.Generator(g.Name) == unit);
            Generate(generator, cancellation);
            failed = generatorFailures.Count;
        }
        return new StudyRunSummary(0, 0, failed, Run);
    }

    /// <summary>
    /// One of any number of workers on this run directory: repeatedly takes the first piece of work nobody holds
    /// (shared artifacts first, then cells whose inputs are ready) until every cell has a result; then one of the
    /// workers writes the study-level files.
    /// </summary>
    StudyRunSummary ExecuteAsWorker(CancellationToken cancellation)
    {
        TorchRuntime.SetThreads(options.ThreadsPerJob);
        RunDirectoryFiles.Prepare(plan, Keys, store, writeShared: false);
        waitForOthers = false;
        // Failed results older than this worker are retried, as a plain rerun does; newer ones are this session's.
        // The reference time comes from the run directory's filesystem, whose clock every worker's files share.
        string marker = Path.Combine(Run, $".worker-{Guid.NewGuid():N}");
        File.WriteAllText(marker, "");
        var started = File.GetLastWriteTimeUtc(marker);
        File.Delete(marker);
        bool Settled(StudyCell cell) => ReadResult(cell) is CellResult r && (r.Status == "done" || File.GetLastWriteTimeUtc(ResultFile(cell)) >= started);
        int settled = plan.Cells.Count(Settled);
        log($"worker (process {Environment.ProcessId}): {plan.Cells.Count - settled} of {plan.Cells.Count} cells to go");
        progress?.Report(new ProgressUpdate("study", settled, plan.Cells.Count, "cells"));
        try
        {
            while (TakeWork(Settled, cancellation) is bool worked)
                if (!worked && cancellation.WaitHandle.WaitOne(TimeSpan.FromSeconds(1))) cancellation.ThrowIfCancellationRequested();
        }
        finally
        {
            RewriteResults();
        }
        // Every cell has a result: one worker writes the study-level files, unless they were written after the
        // last result already (checked again under the claim, so of the workers finishing together one closes).
        using var closing = RunDirectoryFiles.ClosedAfterResults(store, plan) ? null : WorkClaim.TryTake(Path.Combine(Run, ".close.claim"));
        bool closes = closing != null && !RunDirectoryFiles.ClosedAfterResults(store, plan);
        if (closes) Close();
        return Summary(plan.Cells) with { Closed = closes };
    }

    /// <summary>
    /// One round of a worker: builds whatever shared artifacts nobody holds, then runs the first free cell whose
    /// inputs are ready. Returns whether it ran a cell, or null once every cell has settled.
    /// </summary>
    bool? TakeWork(Func<StudyCell, bool> settled, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        void Try(Action work)
        {
            try { work(); }
            catch (ArtifactBusyException) { }
        }
        bool allGenerators = plan.Cells.Any(c => c.Condition.Scores.Any(r => r.Kind == PairScoreRequest.Quality));
        var generators = Spec.Generators.Where(g => allGenerators || plan.Cells.Any(c => c.Condition.Generators.Contains(g.Name))).ToList();
        if (Spec.ApiStudent == null) Try(() => Tokenizer(cancellation));
        foreach (var generator in generators)
            if (!GeneratorSettled(generator.Name)) Try(() => Generate(generator, cancellation));
        bool generatorsSettled = generators.All(g => GeneratorSettled(g.Name));
        foreach (var request in plan.Cells.SelectMany(c => c.Condition.Scores).Distinct())
            if ((generatorsSettled || !allGenerators) && GeneratorSettled(request.Generator) && !ScoreSettled(request)) Try(() => ScorePairs(request, cancellation));

        var open = plan.Cells.Where(c => !settled(c)).ToList();
        if (open.Count == 0) return null;
        foreach (var cell in open)
        {
            if (!CellReady(cell)) continue;
            using var claim = WorkClaim.TryTake(CellClaim(Run, cell.Id));
            if (claim == null || settled(cell)) continue;
            var result = RunCellClaimed(cell, cancellation);
            RewriteResults();
            Tell(cell, result, plan.Cells.Count(settled), plan.Cells.Count);
            return true; // shared work that became possible comes before the next cell
        }
        return false;
    }

    /// <summary>One log line and a progress update for a finished cell.</summary>
    void Tell(StudyCell cell, CellResult result, int finished, int total)
    {
        log(result.Status == "done"
            ? string.Create(CultureInfo.InvariantCulture, $"[{finished}/{total}] {cell.Id}: BLEU {result.Bleu:F2}, chrF {result.Chrf:F2} ({result.Seconds:F0} s)")
            : $"[{finished}/{total}] {cell.Id}: FAILED: {result.Error}");
        progress?.Report(new ProgressUpdate("study", finished, total, "cells", cell.Id));
    }

    bool GeneratorSettled(string name) => generatorFailures.ContainsKey(name) || (store.Done("generated", Keys.Generations[name]) != null
        && (!Spec.Conditions.Any(c => c.Scores.Any(r => r.Kind == PairScoreRequest.Detector && r.Generator == name)) || store.Done("generated", Keys.HeldOutGenerations[name]) != null));

    bool ScoreSettled(PairScoreRequest request) => scoreFailures.ContainsKey(request.Id) || store.Done("scores", Keys.Scores[request.Id]) != null;

    /// <summary>Whether a cell's inputs are all built (or failed, which fails the cell).</summary>
    bool CellReady(StudyCell cell) =>
        (Spec.ApiStudent != null || store.Done("tokenizer", Keys.Tokenizer) != null)
        && cell.Condition.Generators.All(GeneratorSettled)
        && cell.Condition.Scores.All(ScoreSettled);

    /// <summary>The study-level files from what the run directory holds: data.jsonl, generators.jsonl, results and run.json.</summary>
    void Close()
    {
        RunDirectoryFiles.WriteDataAndGenerators(plan, Keys, store, LoadConditionData, generatorFailures);
        RewriteResults();
        RunDirectoryFiles.WriteRunJson(plan, Keys, store, options, complete: plan.Cells.All(IsDone));
    }

    // ---- shared stages ----

    /// <summary>The students' tokenizer.json (trained on both sides of the human student pool at its largest size).</summary>
    string Tokenizer(CancellationToken cancellation)
    {
        var student = Spec.Student;
        var done = store.GetOrBuild("tokenizer", Keys.Tokenizer, folder =>
        {
            var clock = Stopwatch.StartNew();
            string file = Path.Combine(folder, Translator.TokenizerFile);
            if (student.Init != null) File.Copy(FineTuneStart.TokenizerOf(student.Init), file, overwrite: true);
            else if (student.TokenizerPath != null) File.Copy(student.TokenizerPath, file, overwrite: true);
            else
            {
                log($"tokenizer: training a {student.VocabularySize}-piece joint BPE on the human student pool ({plan.MaxSize:N0} pairs)");
                BpeTrainer.Train(plan.StudentPool.Take(plan.MaxSize).SelectMany(p => new[] { p.Source, p.Target }), new BpeTrainerOptions(student.VocabularySize)).Save(file);
            }
            return new JsonObject { ["seconds"] = clock.Elapsed.TotalSeconds };
        }, cancellation, waitForOthers);
        return Path.Combine(store.PathOf("tokenizer", Keys.Tokenizer), Translator.TokenizerFile);
    }

    void Generate(StudyGenerator generator, CancellationToken cancellation)
    {
        if (generatorFailures.ContainsKey(generator.Name)) return;
        try
        {
            string? teacherRun = null;
            if (generator is TeacherGenerator teacher) teacherRun = Path.Combine(TrainTeacher(teacher, cancellation), "run");
            GenerateOn(generator, teacherRun, Keys.Generations[generator.Name], plan.StudentPool, "the student pool", cancellation);
            // Detectors learn from this generator's targets for pairs no student sees.
            if (Spec.Conditions.Any(c => c.Scores.Any(r => r.Kind == PairScoreRequest.Detector && r.Generator == generator.Name)))
                GenerateOn(generator, teacherRun, Keys.HeldOutGenerations[generator.Name], plan.DetectorPool, "the detector pool", cancellation);
        }
        catch (Exception e) when (e is not (OperationCanceledException or ArtifactBusyException))
        {
            generatorFailures[generator.Name] = Describe(e);
            log($"generator {generator.Name}: FAILED: {Describe(e)} (cells that need it fail; the others go on)");
        }
    }

    void GenerateOn(StudyGenerator generator, string? teacherRun, string key, IReadOnlyList<SentencePair> pool, string poolName, CancellationToken cancellation)
    {
        if (store.Done("generated", key) != null) return;
        store.GetOrBuild("generated", key, folder =>
        {
            log($"generator {generator.Name}: translating {poolName}'s {pool.Count:N0} sources");
            var clock = Stopwatch.StartNew();
            IGenerator made = generator switch
            {
                TeacherGenerator t => NmtGenerator.Create(new NmtSpec(teacherRun!)
                {
                    Decoding = t.Training.Decoding, Name = $"teacher:{t.Name}", Device = options.Device,
                }),
                ExternalGenerator e => e.Spec.Create(new GeneratorContext(NmtGenerator.Create,
                    r => log(string.Create(CultureInfo.InvariantCulture, $"generator {generator.Name}: retry {r.Retry} after {r.Reason}, waiting {r.Delay.TotalSeconds:0.0} s")))),
                _ => throw new InvalidOperationException(generator.GetType().Name),
            };
            try
            {
                var run = new GenerationRun(made, pool.Select(p => p.Source).ToList(), Path.Combine(folder, "corpus.jsonl"));
                var summary = run.RunAsync(Renamed($"generate {generator.Name}"), cancellationToken: cancellation).GetAwaiter().GetResult();
                if (summary.Failed > 0) log($"generator {generator.Name}: {summary.Failed} of {summary.Total} segments failed (left out of its conditions; reasons in {run.FailuresPath})");
                return new JsonObject { ["seconds"] = clock.Elapsed.TotalSeconds, ["segments"] = summary.Total, ["failed"] = summary.Failed };
            }
            finally
            {
                (made as IDisposable)?.Dispose();
            }
        }, cancellation, waitForOthers);
    }

    /// <summary>
    /// A per-pair score over the whole student pool (scores.txt: one number per pool position, empty where the
    /// generator failed), computed once and cached; a failure fails only the cells that order by it.
    /// </summary>
    void ScorePairs(PairScoreRequest request, CancellationToken cancellation)
    {
        if (generatorFailures.ContainsKey(request.Generator) || (request.Scorer != null && generatorFailures.ContainsKey(request.Scorer))) return;
        try
        {
            store.GetOrBuild("scores", Keys.Scores[request.Id], folder =>
            {
                var clock = Stopwatch.StartNew();
                var data = LoadConditionData();
                if (!data.Generated.ContainsKey(request.Generator)) throw new StudyStageException($"generator '{request.Generator}' has no targets");
                IReadOnlyList<double?> scores;
                if (request.Kind == PairScoreRequest.Detector)
                {
                    log($"scores {request.Id}: training a {request.Method} detector on the detector pool ({plan.DetectorPool.Count:N0} human vs {request.Generator}'s targets)");
                    var machine = ReadTargets(Keys.HeldOutGenerations[request.Generator], plan.DetectorPool.Count);
                    scores = PairScoring.HumanLikeness(request.Method, plan.DetectorPool, machine, data.Generated[request.Generator],
                        Path.Combine(folder, "detector"), Spec.Data.PoolSeed, cancellation);
                }
                else
                {
                    log($"scores {request.Id}: {request.Method} quality of {request.Generator}'s {plan.StudentPool.Count:N0} targets");
                    var others = data.Generated.Where(g => g.Key != request.Generator).Select(g => g.Value).ToList();
                    string? scorer = request.Scorer == null ? null : Path.Combine(store.PathOf("teacher", Keys.Teachers[request.Scorer]), "run");
                    string corpus = Path.Combine(store.PathOf("generated", Keys.Generations[request.Generator]), "corpus.jsonl");
                    scores = PairScoring.Quality(request.Method, corpus, plan.StudentPool.Count, others, scorer, Spec.Data.Languages.Target, cancellation);
                }
                AtomicFile.WriteAllLines(Path.Combine(folder, "scores.txt"), scores.Select(x => x?.ToString("R", CultureInfo.InvariantCulture) ?? ""));
                return new JsonObject { ["seconds"] = clock.Elapsed.TotalSeconds, ["scored"] = scores.Count(x => x != null) };
            }, cancellation, waitForOthers);
        }
        catch (Exception e) when (e is not (OperationCanceledException or ArtifactBusyException))
        {
            scoreFailures[request.Id] = Describe(e);
            log($"scores {request.Id}: FAILED: {Describe(e)} (cells that need it fail; the others go on)");
        }
    }

    /// <summary>A generation's targets in pool order (null where it failed).</summary>
    string?[] ReadTargets(string generationKey, int count)
    {
        var targets = new string?[count];
        string file = Path.Combine(store.PathOf("generated", generationKey), "corpus.jsonl");
        foreach (var segment in SyntheticCorpusJsonl.Read(file))
            if (segment.Id >= 1 && segment.Id <= count && segment.Result.Text is string text) targets[segment.Id - 1] = OneLine(text);
        return targets;
    }

    /// <summary>Trains a teacher on its pool and scores it on the test set; returns its artifact folder.</summary>
    string TrainTeacher(TeacherGenerator teacher, CancellationToken cancellation)
    {
        string key = Keys.Teachers[teacher.Name];
        store.GetOrBuild("teacher", key, folder =>
        {
            var pool = plan.TeacherPools[teacher.Name];
            log($"teacher {teacher.Name}: training {teacher.Training.Preset} on {pool.Count:N0} human pairs ({teacher.Training.DescribeBudget()})");
            var training = TrainingRun.Run(new TrainingRunRequest
            {
                RunDirectory = Path.Combine(folder, "run"),
                Train = pool,
                Valid = plan.Valid,
                Tokenizer = new TokenizerSource(teacher.Training.TokenizerPath, teacher.Training.TokenizerPath == null ? teacher.Training.VocabularySize : null),
                Preset = teacher.Training.Preset,
                Options = Options(teacher.Training, teacher.Seed),
                Device = TorchRuntime.ResolveDevice(options.Device),
            }, line => AppendLog(Path.Combine(folder, "log"), line), Renamed($"teacher {teacher.Name}"), cancellation);
            cancellation.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var hypotheses = Translate(Path.Combine(folder, "run"), teacher.Training, cancellation);
            AtomicFile.WriteAllLines(Path.Combine(folder, "test.hyp"), hypotheses);
            double decode = clock.Elapsed.TotalSeconds;
            var (bleu, chrf) = Score(hypotheses);
            log(string.Create(CultureInfo.InvariantCulture, $"teacher {teacher.Name}: test BLEU {bleu.Score:F2}, chrF {chrf.Score:F2} after {training.State.Updates} updates"));
            return new JsonObject
            {
                ["test_bleu"] = bleu.Score, ["test_chrf"] = chrf.Score, ["updates"] = training.State.Updates, ["epochs"] = EpochsDone(training.State),
                ["train_seconds"] = training.State.TrainingSeconds, ["decode_seconds"] = decode, ["seconds"] = training.State.TrainingSeconds + decode,
            };
        }, cancellation, waitForOthers);
        return store.PathOf("teacher", key);
    }

    /// <summary>The pool and every finished generator's targets for it, as conditions compose from.</summary>
    ConditionData LoadConditionData()
    {
        if (conditionData != null) return conditionData;
        var generated = new Dictionary<string, IReadOnlyList<string?>>();
        foreach (var generator in Spec.Generators)
        {
            string key = Keys.Generations[generator.Name];
            if (store.Done("generated", key) == null || !File.Exists(Path.Combine(store.PathOf("generated", key), "corpus.jsonl"))) continue;
            generated[generator.Name] = ReadTargets(key, plan.StudentPool.Count);
        }
        var data = new ConditionData(plan.StudentPool.Select(p => p.Source).ToList(), plan.StudentPool.Select(p => p.Target).ToList(), generated);
        // Scores are read as they become available; until then conditions that need them cannot compose.
        var scores = new Dictionary<string, IReadOnlyList<double?>>();
        foreach (var (id, key) in Keys.Scores)
            if (store.Done("scores", key) != null)
                scores[id] = File.ReadAllLines(Path.Combine(store.PathOf("scores", key), "scores.txt"))
                    .Select(l => l.Length == 0 ? (double?)null : double.Parse(l, CultureInfo.InvariantCulture)).ToList();
        // Kept only once nothing more can arrive: workers finish generators and scores at different times.
        bool complete = generated.Count + Spec.Generators.Count(g => !generated.ContainsKey(g.Name) && generatorFailures.ContainsKey(g.Name)) == Spec.Generators.Count
            && scores.Count + scoreFailures.Count >= Keys.Scores.Count;
        return complete ? conditionData = data with { Scores = scores } : data with { Scores = scores };
    }

    // ---- cells ----

    string CellDirectory(StudyCell cell) => Path.Combine(Run, "cells", cell.Id);
    string ResultFile(StudyCell cell) => Path.Combine(CellDirectory(cell), "result.json");

    /// <summary>The cell's recorded result when it belongs to the current inputs (an edited spec makes older results stale).</summary>
    CellResult? ReadResult(StudyCell cell)
    {
        string file = ResultFile(cell);
        if (!File.Exists(file)) return null;
        var record = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        return (string?)record["key"] == Keys.Cell(cell) ? CellResult.FromJson(record["row"]!.AsObject()) : null;
    }

    bool IsDone(StudyCell cell) => ReadResult(cell)?.Status == "done";

    /// <summary>The claim held while a cell runs, so that no two processes run it and `study status` can tell running cells from pending ones.</summary>
    public static string CellClaim(string runDirectory, string cell) => Path.Combine(runDirectory, "cells", cell, ".claim");

    CellResult RunCellRecorded(StudyCell cell, CancellationToken cancellation)
    {
        Directory.CreateDirectory(CellDirectory(cell));
        using var running = WorkClaim.Take(CellClaim(Run, cell.Id), cancellation);
        // Another process may have finished it while this one waited.
        if (ReadResult(cell) is { Status: "done" } done) return done;
        return RunCellClaimed(cell, cancellation);
    }

    CellResult RunCellClaimed(StudyCell cell, CancellationToken cancellation)
    {
        CellResult result;
        double scoreSeconds = 0;
        try
        {
            (result, scoreSeconds) = RunCell(cell, cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            AppendLog(Path.Combine(CellDirectory(cell), "log"), "failed: " + e);
            result = Failed(cell, Describe(e));
        }
        WriteResult(cell, result, scoreSeconds);
        return result;
    }

    void WriteResult(StudyCell cell, CellResult result, double scoreSeconds) =>
        AtomicFile.WriteAllText(ResultFile(cell), new JsonObject
        {
            ["key"] = Keys.Cell(cell),
            ["score_seconds"] = scoreSeconds,
            ["row"] = result.ToJson(),
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    CellResult Failed(StudyCell cell, string error) => new()
    {
        Cell = cell.Id, Condition = cell.Condition.Name, ConditionType = cell.Condition.Type, Generators = cell.Condition.Generators,
        Size = cell.Size, Seed = cell.Seed, Status = "failed", Error = error,
    };

    (CellResult, double) RunCell(StudyCell cell, CancellationToken cancellation)
    {
        foreach (var generator in cell.Condition.Generators)
            if (generatorFailures.TryGetValue(generator, out var reason)) throw new StudyStageException($"generator '{generator}' failed: {reason}");
        foreach (var request in cell.Condition.Scores)
            if (scoreFailures.TryGetValue(request.Id, out var reason)) throw new StudyStageException($"scoring pairs by {request.Id} failed: {reason}");
        var pairs = cell.Condition.Compose(LoadConditionData(), cell.Size);
        if (pairs.Count == 0) throw new StudyStageException("the condition has no training pairs at this size");
        if (Spec.ApiStudent is ApiStudentSpec api) return RunApiCell(cell, pairs, api, cancellation);
        string tokenizer = Tokenizer(cancellation);
        string cellLog = Path.Combine(CellDirectory(cell), "log");
        var student = Spec.Student;

        string studentKey = Keys.Student(cell);
        var trained = store.GetOrBuild("student", studentKey, folder =>
        {
            string runDirectory = Path.Combine(folder, "run");
            var trainingOptions = Options(student, cell.Seed);
            if (student.Init != null) FineTuneStart.Prepare(runDirectory, student.Init, trainingOptions);
            AppendLog(cellLog, $"training {student.Preset} on {pairs.Count:N0} pairs ({student.DescribeBudget()}) in {ArtifactStore.Relative("student", studentKey)}");
            var training = TrainingRun.Run(new TrainingRunRequest
            {
                RunDirectory = runDirectory,
                Train = pairs.Select(p => new SentencePair(p.Source, p.Target, p.Origin == HumanCondition.Origin ? Provenance.Human : Provenance.Machine(p.Origin))).ToList(),
                Valid = plan.Valid,
                Tokenizer = new TokenizerSource(tokenizer),
                Preset = student.Preset,
                Options = trainingOptions,
                Device = TorchRuntime.ResolveDevice(options.Device),
            }, line => AppendLog(cellLog, line), Renamed($"{cell.Id} train"), cancellation);
            // A cancelled run has saved its checkpoint; it must not be marked done.
            cancellation.ThrowIfCancellationRequested();
            return new JsonObject
            {
                ["pairs"] = pairs.Count, ["updates"] = training.State.Updates, ["epochs"] = EpochsDone(training.State),
                ["train_seconds"] = training.State.TrainingSeconds,
            };
        }, cancellation);

        string cellKey = Keys.Cell(cell);
        var translated = store.GetOrBuild("translation", cellKey, folder =>
        {
            var clock = Stopwatch.StartNew();
            var hypotheses = Translate(Path.Combine(store.PathOf("student", studentKey), "run"), student, cancellation);
            AtomicFile.WriteAllLines(Path.Combine(folder, "test.hyp"), hypotheses);
            return new JsonObject { ["decode_seconds"] = clock.Elapsed.TotalSeconds };
        }, cancellation);
        return Scored(cell, cellKey, trained, translated);
    }

    /// <summary>A cell whose student is fine-tuned through an API (<see cref="ApiStudentRun"/>), scored like any other.</summary>
    (CellResult, double) RunApiCell(StudyCell cell, IReadOnlyList<ComposedPair> pairs, ApiStudentSpec api, CancellationToken cancellation)
    {
        string cellLog = Path.Combine(CellDirectory(cell), "log");
        var run = new ApiStudentRun(api, line => AppendLog(cellLog, line));
        string studentKey = Keys.Student(cell);
        var trained = store.GetOrBuild("student", studentKey, folder =>
        {
            AppendLog(cellLog, $"fine-tuning {api.Chat.Model} through {api.Chat.BaseUrl} on {pairs.Count:N0} pairs in {ArtifactStore.Relative("student", studentKey)}");
            var train = pairs.Select(p => new SentencePair(p.Source, p.Target, p.Origin == HumanCondition.Origin ? Provenance.Human : Provenance.Machine(p.Origin))).ToList();
            // The suffix names the study and the cell's key in the model's name, within the API's 64 characters.
            string suffix = $"{Spec.Name[..Math.Min(Spec.Name.Length, 40)]}-{studentKey[..12]}";
            return run.FineTune(folder, train, plan.Valid.Take(api.ValidationPairs).ToList(), suffix, cell.Seed, cancellation);
        }, cancellation);
        string model = (string)trained["fine_tuned_model"]!;

        string cellKey = Keys.Cell(cell);
        var translated = store.GetOrBuild("translation", cellKey, folder =>
        {
            var clock = Stopwatch.StartNew();
            AppendLog(cellLog, $"translating the test set with {model}");
            AtomicFile.WriteAllLines(Path.Combine(folder, "test.hyp"), run.Translate(folder, model, plan.Test.Select(p => p.Source).ToList(), cancellation));
            return new JsonObject { ["decode_seconds"] = clock.Elapsed.TotalSeconds };
        }, cancellation);
        return Scored(cell, cellKey, trained, translated);
    }

    /// <summary>The cell's translations copied beside it and scored: its result, and the seconds scoring took.</summary>
    (CellResult, double) Scored(StudyCell cell, string cellKey, JsonObject trained, JsonObject translated)
    {
        var hypotheses = File.ReadAllLines(Path.Combine(store.PathOf("translation", cellKey), "test.hyp"));
        AtomicFile.WriteAllLines(Path.Combine(CellDirectory(cell), "test.hyp"), hypotheses);
        var scoring = Stopwatch.StartNew();
        var (bleu, chrf) = Score(hypotheses);
        double trainSeconds = (double)trained["train_seconds"]!, decodeSeconds = (double)translated["decode_seconds"]!;
        return (new CellResult
        {
            Cell = cell.Id, Condition = cell.Condition.Name, ConditionType = cell.Condition.Type, Generators = cell.Condition.Generators,
            Size = cell.Size, Seed = cell.Seed, Status = "done",
            Bleu = bleu.Score, Chrf = chrf.Score, BleuSignature = bleu.Signature.ToString(), ChrfSignature = chrf.Signature.ToString(),
            Hypotheses = $"cells/{cell.Id}/test.hyp",
            // An API student's provider reports no updates, and may not say its epochs.
            Updates = trained["updates"] is JsonNode updates ? (long)updates : null, Epochs = trained["epochs"] is JsonNode epochs ? (int)epochs : null,
            TrainSeconds = trainSeconds, DecodeSeconds = decodeSeconds, Seconds = trainSeconds + decodeSeconds,
        }, scoring.Elapsed.TotalSeconds);
    }

    void RunInChildren(List<StudyCell> pending, Action<StudyCell, CellResult> finished, CancellationToken cancellation)
    {
        if (options.ChildProcess == null) throw new InvalidOperationException("parallel cells need a way to start child processes");
        var queue = new Queue<StudyCell>(pending);
        var running = new List<(StudyCell Cell, Process Process, StreamWriter Log)>();
        log($"running {pending.Count} cells, {options.Jobs} at a time, {options.ThreadsPerJob} thread(s) each");
        try
        {
            while (queue.Count > 0 || running.Count > 0)
            {
                while (running.Count < options.Jobs && queue.Count > 0 && !cancellation.IsCancellationRequested)
                {
                    var cell = queue.Dequeue();
                    Directory.CreateDirectory(CellDirectory(cell));
                    var arguments = new List<string> { "study", "run", Path.GetFullPath(Spec.File), "--out", Run, "--cell", cell.Id,
                        "--threads", options.ThreadsPerJob.ToString(CultureInfo.InvariantCulture) };
                    if (options.DataDirectory != null) arguments.AddRange(["--data-dir", options.DataDirectory]);
                    if (options.Device != "cpu") arguments.AddRange(["--device", options.Device]);
                    // The parent checked the cost of all cells; a child must not ask again for its share.
                    if (options.ConfirmedCost || Spec.ApiStudent != null) arguments.Add("--yes");
                    var start = options.ChildProcess(arguments);
                    start.RedirectStandardOutput = true;
                    start.RedirectStandardError = true;
                    start.UseShellExecute = false;
                    var childLog = new StreamWriter(Path.Combine(CellDirectory(cell), "child.log"), append: true) { AutoFlush = true };
                    var process = new Process { StartInfo = start };
                    process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (childLog) childLog.WriteLine(e.Data); };
                    process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (childLog) childLog.WriteLine(e.Data); };
                    process.Start();
                    process.BeginOutputReadLine();
                    process.BeginErrorReadLine();
                    running.Add((cell, process, childLog));
                    log($"{cell.Id}: started (process {process.Id})");
                }
                if (cancellation.IsCancellationRequested && running.Count == 0) break;
                var exited = running.FirstOrDefault(r => r.Process.HasExited);
                if (exited.Process == null)
                {
                    if (cancellation.IsCancellationRequested)
                        foreach (var r in running) Signals.Terminate(r.Process);
                    Thread.Sleep(200);
                    continue;
                }
                exited.Process.WaitForExit();
                running.Remove(exited);
                int code = exited.Process.ExitCode;
                exited.Process.Dispose();
                lock (exited.Log) exited.Log.Dispose();
                var result = ReadResult(exited.Cell);
                if (result == null)
                {
                    if (cancellation.IsCancellationRequested) continue;
                    result = Failed(exited.Cell, $"its process exited with code {code} without a result (see cells/{exited.Cell.Id}/child.log)");
                    WriteResult(exited.Cell, result, 0);
                }
                finished(exited.Cell, result);
            }
        }
        finally
        {
            foreach (var r in running) { Signals.Terminate(r.Process); r.Process.WaitForExit(); r.Process.Dispose(); r.Log.Dispose(); }
        }
        cancellation.ThrowIfCancellationRequested();
    }

    /// <summary>Rewrites results.jsonl and results.csv from the cells' results, in plan order (one process at a time).</summary>
    public void RewriteResults()
    {
        using var held = WorkClaim.Take(Path.Combine(Run, ".results.claim"), CancellationToken.None);
        var rows = plan.Cells.Select(ReadResult).Where(r => r != null).Select(r => r!).ToList();
        AtomicFile.WriteAllLines(Path.Combine(Run, "results.jsonl"), rows.Select(r => r.ToJsonLine()));
        AtomicFile.WriteAllLines(Path.Combine(Run, "results.csv"), rows.Select(r => r.ToCsvLine()).Prepend(CellResult.CsvHeader));
    }

    // ---- helpers ----

    static TrainingOptions Options(TrainingSpec spec, long seed) => spec.OptionsFor(seed);

    List<string> Translate(string runDirectory, TrainingSpec spec, CancellationToken cancellation)
    {
        using var translator = Translator.Load(runDirectory, options.Device);
        var decoding = spec.Decoding;
        var sources = plan.Test.Select(p => p.Source).ToList();
        var output = new List<string>(sources.Count);
        foreach (var chunk in sources.Chunk(256))
        {
            cancellation.ThrowIfCancellationRequested();
            output.AddRange(translator.Translate(chunk, decoding).Select(t => OneLine(t.Text)));
        }
        return output;
    }

    (MetricScore Bleu, MetricScore Chrf) Score(IReadOnlyList<string> hypotheses)
    {
        var references = plan.Test.Select(p => p.Target).ToList();
        return (new Bleu().CorpusScore(hypotheses, references), new Chrf().CorpusScore(hypotheses, references));
    }

    static int EpochsDone(TrainingState state) => state.History.Count > 0 ? state.History[^1].Epoch : Math.Max(0, state.Epoch - 1);

    static string OneLine(string text) => text.Replace('\n', ' ').Replace('\r', ' ');

    static string Describe(Exception e) => e is InputException or StudyStageException ? e.Message : $"{e.GetType().Name}: {e.Message}";

    static void AppendLog(string file, string line)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.AppendAllText(file, $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ} {line}\n");
    }

    // One display line per piece of work (a cell, a teacher), not one per epoch: the trainer's task
    // ("train epoch 3") moves into the detail.
    IProgress<ProgressUpdate>? Renamed(string task) =>
        progress == null ? null : new Progress(u => progress.Report(u with { Task = task, Detail = u.Detail == null ? u.Task : $"{u.Task}: {u.Detail}" }));

    sealed class Progress(Action<ProgressUpdate> report) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) => report(value);
    }
}
