using System.Diagnostics;
using System.Text.Json.Nodes;
using Regurgitate.Corpora;
using Regurgitate.IO;
using Regurgitate.RunDirectories;
using Regurgitate.Training;

namespace Regurgitate.Studies;

/// <summary>
/// A cell's student: its condition's pairs at the cell's size composed, a student trained on them (from scratch, from
/// the spec's init checkpoint, or fine-tuned through an API), the test set translated and scored, and the human test
/// references force-decoded (their NLL per token); the result recorded in the cell's folder. Training, translation and
/// the references' NLL are cached artifacts, so a rerun after a kill resumes them.
/// </summary>
internal sealed class StudentStage(RunContext run, StudyCell cell) : IStageUnit
{
    public string Id => cell.Id;

    public bool Settled => run.Results.IsDone(cell);

    public bool Ready =>
        (run.Spec.ApiStudent != null || new TokenizerStage(run).Settled)
        && cell.Condition.Generators.All(g => GenerationStage.SettledFor(run, g))
        && cell.Condition.Scores.All(r => new PairScoresStage(run, r).Settled);

    string CellLog => run.Layout.CellLog(cell.Id);

    /// <summary>Runs the cell under its claim, waiting while another process holds it; records and returns its result.</summary>
    public void Run(CancellationToken cancellation) => RunRecorded(cancellation);

    /// <inheritdoc cref="Run"/>
    public CellResult RunRecorded(CancellationToken cancellation)
    {
        Directory.CreateDirectory(run.Layout.Cell(cell.Id));
        using var running = WorkClaim.Take(run.Layout.CellClaim(cell.Id), cancellation);
        // Another process may have finished it while this one waited.
        if (run.Results.Read(cell) is { Status: CellStatus.Done } done) return done;
        return RunClaimed(cancellation);
    }

    /// <summary>Runs the cell, whose claim the caller holds; a failure is recorded as the cell's result.</summary>
    public CellResult RunClaimed(CancellationToken cancellation)
    {
        CellResult result;
        double scoreSeconds = 0;
        try
        {
            (result, scoreSeconds) = Execute(cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            RunContext.AppendLog(CellLog, "failed: " + e);
            result = CellResults.Failed(cell, RunContext.Describe(e));
        }
        run.Results.Write(cell, result, scoreSeconds);
        return result;
    }

    (CellResult, double) Execute(CancellationToken cancellation)
    {
        foreach (var generator in cell.Condition.Generators)
            if (run.GeneratorFailures.TryGetValue(generator, out var reason)) throw new StudyStageException($"generator '{generator}' failed: {reason}");
        foreach (var request in cell.Condition.Scores)
            if (run.ScoreFailures.TryGetValue(request.Id, out var reason)) throw new StudyStageException($"scoring pairs by {request.Id} failed: {reason}");
        var pairs = cell.Condition.Compose(run.Inputs(), cell.Size);
        if (pairs.Count == 0) throw new StudyStageException("the condition has no training pairs at this size");
        var train = pairs.Select(p => p.ToSentencePair()).ToList();

        string studentKey = run.Keys.Student(cell);
        JsonObject trained;
        Func<string, List<string>> translate;
        string? checkpoint = null; // a local student's, which forced decoding needs
        if (run.Spec.ApiStudent is ApiStudentSpec api)
        {
            var student = new ApiStudentRun(api, line => RunContext.AppendLog(CellLog, line));
            trained = run.Store.GetOrBuild(ArtifactKind.Student, studentKey, folder =>
            {
                RunContext.AppendLog(CellLog, $"fine-tuning {api.Chat.Model} through {api.Chat.BaseUrl} on {pairs.Count:N0} pairs in {RunLayout.RelativeArtifact(ArtifactKind.Student, studentKey)}");
                // The suffix names the study and the cell's key in the model's name, within the API's 64 characters.
                string suffix = $"{run.Spec.Name[..Math.Min(run.Spec.Name.Length, 40)]}-{studentKey[..12]}";
                return student.FineTune(folder, train, run.Plan.Valid.Take(api.ValidationPairs).ToList(), suffix, cell.Seed, cancellation);
            }, cancellation);
            string model = (string)trained["fine_tuned_model"]!;
            translate = folder =>
            {
                RunContext.AppendLog(CellLog, $"translating the test set with {model}");
                return student.Translate(folder, model, run.Plan.Test.Select(p => p.Source).ToList(), cancellation);
            };
        }
        else
        {
            trained = TrainLocally(studentKey, train, cancellation);
            string studentRun = Path.Combine(run.Store.PathOf(ArtifactKind.Student, studentKey), "run");
            checkpoint = studentRun;
            translate = _ => run.TranslateTestSet(studentRun, run.Spec.Student, cancellation);
        }

        string cellKey = run.Keys.Cell(cell);
        var translated = run.Store.GetOrBuild(ArtifactKind.Translation, cellKey, folder =>
        {
            var clock = Stopwatch.StartNew();
            AtomicFile.WriteAllLines(Path.Combine(folder, "test.hyp"), translate(folder));
            return new JsonObject { ["decode_seconds"] = clock.Elapsed.TotalSeconds };
        }, cancellation);
        bool likelihood = ScoreReferences(cellKey, checkpoint, cancellation);
        return Scored(cellKey, trained, translated, likelihood);
    }

    /// <summary>
    /// The references' NLL as an artifact keyed as the translation (a rerun finds it); false when the student cannot be
    /// force-decoded.
    /// </summary>
    bool ScoreReferences(string cellKey, string? checkpoint, CancellationToken cancellation)
    {
        if (checkpoint == null)
        {
            RunContext.AppendLog(CellLog, "no NLL of the test references: an API student gives no probabilities of given tokens, so it cannot be force-decoded");
            return false;
        }
        run.Store.GetOrBuild(ArtifactKind.Likelihood, cellKey, folder =>
        {
            RunContext.AppendLog(CellLog, $"scoring the test references by forced decoding in {RunLayout.RelativeArtifact(ArtifactKind.Likelihood, cellKey)}");
            var clock = Stopwatch.StartNew();
            var rows = run.ScoreTestReferences(checkpoint, cancellation);
            SentenceNllFile.Write(Path.Combine(folder, SentenceNllFileName), rows.Select(r => (r.Nll, (long)r.Tokens)));
            int truncated = rows.Count(r => r.Truncated);
            if (truncated > 0)
                RunContext.AppendLog(CellLog, $"{truncated} test reference(s) longer than the student's positions: NLL of their first tokens only");
            return new JsonObject { ["sentences"] = rows.Count, ["truncated"] = truncated, ["nll_seconds"] = clock.Elapsed.TotalSeconds };
        }, cancellation);
        return true;
    }

    const string SentenceNllFileName = "test.nll";

    JsonObject TrainLocally(string studentKey, IReadOnlyList<SentencePair> train, CancellationToken cancellation)
    {
        string tokenizer = new TokenizerStage(run).Build(cancellation);
        var student = run.Spec.Student;
        return run.Store.GetOrBuild(ArtifactKind.Student, studentKey, folder =>
        {
            string runDirectory = Path.Combine(folder, "run");
            var options = student.OptionsFor(cell.Seed);
            if (student.Init != null) FineTuneStart.Prepare(runDirectory, student.Init, options);
            RunContext.AppendLog(CellLog, $"training {student.Preset} on {train.Count:N0} pairs ({student.DescribeBudget()}) in {RunLayout.RelativeArtifact(ArtifactKind.Student, studentKey)}");
            var training = run.Train(runDirectory, train, new TokenizerSource(tokenizer), student, options, CellLog, $"{cell.Id} train", cancellation);
            // A cancelled run has saved its checkpoint; it must not be marked done.
            cancellation.ThrowIfCancellationRequested();
            return new JsonObject
            {
                ["pairs"] = train.Count, ["updates"] = training.State.Updates, ["epochs"] = RunContext.EpochsDone(training.State),
                ["train_seconds"] = training.State.TrainingSeconds,
            };
        }, cancellation);
    }

    /// <summary>The cell's translations copied beside it and scored: its result, and the seconds scoring took.</summary>
    (CellResult, double) Scored(string cellKey, JsonObject trained, JsonObject translated, bool likelihood)
    {
        var hypotheses = File.ReadAllLines(Path.Combine(run.Store.PathOf(ArtifactKind.Translation, cellKey), "test.hyp"));
        AtomicFile.WriteAllLines(Path.Combine(run.Layout.Cell(cell.Id), "test.hyp"), hypotheses);
        (double? PerToken, long Tokens)? nll = null;
        if (likelihood)
        {
            var rows = SentenceNllFile.Read(Path.Combine(run.Store.PathOf(ArtifactKind.Likelihood, cellKey), SentenceNllFileName));
            SentenceNllFile.Write(run.Layout.Resolve(RunLayout.CellSentenceNll(cell.Id)), rows);
            nll = SentenceNllFile.Total(rows);
        }
        var scoring = Stopwatch.StartNew();
        var (bleu, chrf) = run.ScoreTestSet(hypotheses);
        double trainSeconds = (double)trained["train_seconds"]!, decodeSeconds = (double)translated["decode_seconds"]!;
        return (new CellResult
        {
            Cell = cell.Id, Condition = cell.Condition.Name, ConditionType = cell.Condition.Type, Generators = cell.Condition.Generators,
            Size = cell.Size, Seed = cell.Seed, Status = CellStatus.Done,
            Bleu = bleu.Score, Chrf = chrf.Score, BleuSignature = bleu.Signature.ToString(), ChrfSignature = chrf.Signature.ToString(),
            Hypotheses = RunLayout.CellHypotheses(cell.Id),
            TestNll = nll?.PerToken, TestNllTokens = nll?.Tokens, SentenceNll = nll != null ? RunLayout.CellSentenceNll(cell.Id) : null,
            // An API student's provider reports no updates, and may not say its epochs.
            Updates = trained["updates"] is JsonNode updates ? (long)updates : null, Epochs = trained["epochs"] is JsonNode epochs ? (int)epochs : null,
            TrainSeconds = trainSeconds, DecodeSeconds = decodeSeconds, Seconds = trainSeconds + decodeSeconds,
        }, scoring.Elapsed.TotalSeconds);
    }
}
