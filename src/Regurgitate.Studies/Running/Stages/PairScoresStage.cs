using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Regurgitate.IO;
using Regurgitate.RunDirectories;

namespace Regurgitate.Studies;

/// <summary>
/// A per-pair score over the whole student pool (scores.txt: one number per pool position, empty where the generator
/// failed): a detector's P(human), a quality score, or the oracle's sentence chrF; of a generator's targets or of the
/// pool's human targets (pruned-human). A failure fails only the cells that order by it.
/// </summary>
internal sealed class PairScoresStage(RunContext run, PairScoreRequest request) : IStageUnit
{
    public string Id => "scores:" + request.Id;

    public bool Settled => run.ScoreFailures.ContainsKey(request.Id) || run.Store.Done(ArtifactKind.Scores, run.Keys.Scores[request.Id]) != null;

    // Quality scores compare a generator's targets with every other generator's (agreement), so they wait for them all;
    // a detector waits for the generator it learns from, the oracle for the generator it rates.
    public bool Ready => request.Kind switch
    {
        PairScoreRequest.Quality => run.Spec.Generators.All(g => GenerationStage.SettledFor(run, g.Name)),
        PairScoreRequest.Detector => GenerationStage.SettledFor(run, request.DetectorGenerator),
        _ => GenerationStage.SettledFor(run, request.Generator),
    };

    // The generators whose failure leaves nothing to score: the rated one, the detector's and the scorer's.
    IEnumerable<string> Needed => new[] { request.OfHuman ? null : request.Generator, request.Kind == PairScoreRequest.Detector ? request.DetectorGenerator : null, request.Scorer }
        .OfType<string>();

    public void Run(CancellationToken cancellation)
    {
        if (Needed.FirstOrDefault(run.GeneratorFailures.ContainsKey) is string failed)
        {
            // Recorded, so that a cell with no generator of its own (pruned-human) fails instead of waiting for it.
            if (request.OfHuman) run.ScoreFailures[request.Id] = $"generator '{failed}' failed";
            return;
        }
        try
        {
            run.Store.GetOrBuild(ArtifactKind.Scores, run.Keys.Scores[request.Id], folder =>
            {
                var clock = Stopwatch.StartNew();
                var scores = Score(folder, cancellation);
                AtomicFile.WriteAllLines(Path.Combine(folder, "scores.txt"), scores.Select(x => x?.ToString("R", CultureInfo.InvariantCulture) ?? ""));
                return new JsonObject { ["seconds"] = clock.Elapsed.TotalSeconds, ["scored"] = scores.Count(x => x != null) };
            }, cancellation, run.WaitForOthers);
        }
        catch (Exception e) when (e is not (OperationCanceledException or ArtifactBusyException))
        {
            run.ScoreFailures[request.Id] = RunContext.Describe(e);
            run.Log($"scores {request.Id}: FAILED: {RunContext.Describe(e)} (cells that need it fail; the others go on)");
        }
    }

    IReadOnlyList<double?> Score(string folder, CancellationToken cancellation)
    {
        var data = run.Inputs();
        var plan = run.Plan;
        if (!request.OfHuman && !data.Generated.ContainsKey(request.Generator)) throw new StudyStageException($"generator '{request.Generator}' has no targets");
        IReadOnlyList<string?> targets = request.OfHuman ? data.HumanTargets : data.Generated[request.Generator];
        string whose = request.OfHuman ? "the human" : $"{request.Generator}'s";
        if (request.Kind == PairScoreRequest.Oracle)
        {
            run.Log($"scores {request.Id}: sentence chrF of {whose} {plan.StudentPool.Count:N0} targets against the human targets");
            return PairScoring.Oracle(targets, data.HumanTargets, cancellation);
        }
        if (request.Kind == PairScoreRequest.Detector)
        {
            string machine = request.DetectorGenerator;
            if (!data.Generated.ContainsKey(machine)) throw new StudyStageException($"generator '{machine}' has no targets");
            run.Log($"scores {request.Id}: training a {request.Method} detector on the detector pool ({plan.DetectorPool.Count:N0} human vs {machine}'s targets), scoring {whose} targets");
            var heldOut = run.ReadTargets(run.Keys.HeldOutGenerations[machine], plan.DetectorPool.Count);
            return PairScoring.HumanLikeness(request.Method, plan.DetectorPool, heldOut, targets,
                Path.Combine(folder, "detector"), run.Spec.Data.PoolSeed, cancellation);
        }
        run.Log($"scores {request.Id}: {request.Method} quality of {whose} {plan.StudentPool.Count:N0} targets");
        var others = data.Generated.Where(g => g.Key != request.Generator).Select(g => g.Value).ToList();
        string? scorer = request.Scorer == null ? null : Path.Combine(run.Store.PathOf(ArtifactKind.Teacher, run.Keys.Teachers[request.Scorer]), "run");
        var pairs = request.OfHuman
            ? PairScoring.HumanPairs(data.Sources, data.HumanTargets)
            : PairScoring.GeneratedPairs(Path.Combine(run.Store.PathOf(ArtifactKind.Generated, run.Keys.Generations[request.Generator]), "corpus.jsonl"), plan.StudentPool.Count);
        return PairScoring.Quality(request.Method, pairs, plan.StudentPool.Count, others, scorer, run.Spec.Data.Languages.Target, cancellation);
    }
}
