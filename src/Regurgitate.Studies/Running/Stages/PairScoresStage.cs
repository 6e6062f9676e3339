using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Regurgitate.IO;
using Regurgitate.RunDirectories;

namespace Regurgitate.Studies;

/// <summary>
/// A per-pair score over the whole student pool (scores.txt: one number per pool position, empty where the generator
/// failed): a detector's P(human), or a quality score. A failure fails only the cells that order by it.
/// </summary>
internal sealed class PairScoresStage(RunContext run, PairScoreRequest request) : IStageUnit
{
    public string Id => "scores:" + request.Id;

    public bool Settled => run.ScoreFailures.ContainsKey(request.Id) || run.Store.Done(ArtifactKind.Scores, run.Keys.Scores[request.Id]) != null;

    // Quality scores compare a generator's targets with every other generator's (agreement), so they wait for them all.
    public bool Ready => GenerationStage.SettledFor(run, request.Generator)
        && (request.Kind != PairScoreRequest.Quality || run.Spec.Generators.All(g => GenerationStage.SettledFor(run, g.Name)));

    public void Run(CancellationToken cancellation)
    {
        if (run.GeneratorFailures.ContainsKey(request.Generator) || (request.Scorer != null && run.GeneratorFailures.ContainsKey(request.Scorer))) return;
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
        if (!data.Generated.ContainsKey(request.Generator)) throw new StudyStageException($"generator '{request.Generator}' has no targets");
        if (request.Kind == PairScoreRequest.Detector)
        {
            run.Log($"scores {request.Id}: training a {request.Method} detector on the detector pool ({plan.DetectorPool.Count:N0} human vs {request.Generator}'s targets)");
            var machine = run.ReadTargets(run.Keys.HeldOutGenerations[request.Generator], plan.DetectorPool.Count);
            return PairScoring.HumanLikeness(request.Method, plan.DetectorPool, machine, data.Generated[request.Generator],
                Path.Combine(folder, "detector"), run.Spec.Data.PoolSeed, cancellation);
        }
        run.Log($"scores {request.Id}: {request.Method} quality of {request.Generator}'s {plan.StudentPool.Count:N0} targets");
        var others = data.Generated.Where(g => g.Key != request.Generator).Select(g => g.Value).ToList();
        string? scorer = request.Scorer == null ? null : Path.Combine(run.Store.PathOf(ArtifactKind.Teacher, run.Keys.Teachers[request.Scorer]), "run");
        string corpus = Path.Combine(run.Store.PathOf(ArtifactKind.Generated, run.Keys.Generations[request.Generator]), "corpus.jsonl");
        return PairScoring.Quality(request.Method, corpus, plan.StudentPool.Count, others, scorer, run.Spec.Data.Languages.Target, cancellation);
    }
}
