using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Regurgitate.Corpora;
using Regurgitate.Generators;
using Regurgitate.RunDirectories;

namespace Regurgitate.Studies;

/// <summary>
/// A generator's targets for the student pool (and for the detector pool when a detector learns from them), its
/// teacher trained first when the study trains it. A failure fails only the cells that need this generator.
/// </summary>
internal sealed class GenerationStage(RunContext run, StudyGenerator generator) : IStageUnit
{
    public string Id => StudyUnits.Generator(generator.Name);

    bool FeedsDetector => run.Spec.Conditions.Any(c => c.Scores.Any(r => r.Kind == PairScoreRequest.Detector && r.DetectorGenerator == generator.Name));

    public bool Settled => run.GeneratorFailures.ContainsKey(generator.Name)
        || (run.Store.Done(ArtifactKind.Generated, run.Keys.Generations[generator.Name]) != null
            && (!FeedsDetector || run.Store.Done(ArtifactKind.Generated, run.Keys.HeldOutGenerations[generator.Name]) != null));

    public bool Ready => true;

    /// <summary>Whether the study's generator <paramref name="name"/> has settled (what cells and pair scores wait for).</summary>
    public static bool SettledFor(RunContext run, string name) => new GenerationStage(run, run.Spec.Generators.Single(g => g.Name == name)).Settled;

    public void Run(CancellationToken cancellation)
    {
        if (run.GeneratorFailures.ContainsKey(generator.Name)) return;
        try
        {
            string? teacherRun = generator is TeacherGenerator teacher ? new TeacherStage(run, teacher).Build(cancellation) : null;
            Generate(teacherRun, run.Keys.Generations[generator.Name], run.Plan.StudentPool, "the student pool", cancellation);
            // Detectors learn from this generator's targets for pairs no student sees.
            if (FeedsDetector) Generate(teacherRun, run.Keys.HeldOutGenerations[generator.Name], run.Plan.DetectorPool, "the detector pool", cancellation);
        }
        catch (Exception e) when (e is not (OperationCanceledException or ArtifactBusyException))
        {
            run.GeneratorFailures[generator.Name] = RunContext.Describe(e);
            run.Log($"generator {generator.Name}: FAILED: {RunContext.Describe(e)} (cells that need it fail; the others go on)");
        }
    }

    void Generate(string? teacherRun, string key, IReadOnlyList<SentencePair> pool, string poolName, CancellationToken cancellation)
    {
        if (run.Store.Done(ArtifactKind.Generated, key) != null) return;
        run.Store.GetOrBuild(ArtifactKind.Generated, key, folder =>
        {
            run.Log($"generator {generator.Name}: translating {poolName}'s {pool.Count:N0} sources");
            var clock = Stopwatch.StartNew();
            IGenerator made = generator switch
            {
                TeacherGenerator t => NmtGenerator.Create(new NmtSpec(teacherRun!)
                {
                    Decoding = t.Training.Decoding, Name = $"teacher:{t.Name}", Device = run.Options.Device,
                }),
                ExternalGenerator e => e.Spec.Create(new GeneratorContext(NmtGenerator.Create,
                    r => run.Log(string.Create(CultureInfo.InvariantCulture, $"generator {generator.Name}: retry {r.Retry} after {r.Reason}, waiting {r.Delay.TotalSeconds:0.0} s")))),
                _ => throw new InvalidOperationException(generator.GetType().Name),
            };
            try
            {
                var generation = new GenerationRun(made, pool.Select(p => p.Source).ToList(), Path.Combine(folder, "corpus.jsonl"));
                var summary = generation.RunAsync(run.Renamed($"generate {generator.Name}"), cancellationToken: cancellation).GetAwaiter().GetResult();
                if (summary.Failed > 0) run.Log($"generator {generator.Name}: {summary.Failed} of {summary.Total} segments failed (left out of its conditions; reasons in {generation.FailuresPath})");
                return new JsonObject { ["seconds"] = clock.Elapsed.TotalSeconds, ["segments"] = summary.Total, ["failed"] = summary.Failed };
            }
            finally
            {
                (made as IDisposable)?.Dispose();
            }
        }, cancellation, run.WaitForOthers);
    }
}
