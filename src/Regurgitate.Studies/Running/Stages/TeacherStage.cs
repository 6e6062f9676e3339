using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Regurgitate.IO;
using Regurgitate.RunDirectories;
using Regurgitate.Training;

namespace Regurgitate.Studies;

/// <summary>A teacher the study trains: on its own pool of human pairs, disjoint from the students', then scored on the test set.</summary>
internal sealed class TeacherStage(RunContext run, TeacherGenerator teacher)
{
    /// <summary>The teacher's checkpoint folder, trained first when missing.</summary>
    public string Build(CancellationToken cancellation)
    {
        string key = run.Keys.Teachers[teacher.Name];
        run.Store.GetOrBuild(ArtifactKind.Teacher, key, folder =>
        {
            var pool = run.Plan.TeacherPools[teacher.Name];
            var spec = teacher.Training;
            run.Log($"teacher {teacher.Name}: training {spec.Preset} on {pool.Count:N0} human pairs ({spec.DescribeBudget()})");
            var training = run.Train(Path.Combine(folder, "run"), pool,
                new TokenizerSource(spec.TokenizerPath, spec.TokenizerPath == null ? spec.VocabularySize : null),
                spec, spec.OptionsFor(teacher.Seed), Path.Combine(folder, "log"), $"teacher {teacher.Name}", cancellation);
            cancellation.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var hypotheses = run.TranslateTestSet(Path.Combine(folder, "run"), spec, cancellation);
            AtomicFile.WriteAllLines(Path.Combine(folder, "test.hyp"), hypotheses);
            double decode = clock.Elapsed.TotalSeconds;
            var (bleu, chrf) = run.ScoreTestSet(hypotheses);
            run.Log(string.Create(CultureInfo.InvariantCulture, $"teacher {teacher.Name}: test BLEU {bleu.Score:F2}, chrF {chrf.Score:F2} after {training.State.Updates} updates"));
            return new JsonObject
            {
                ["test_bleu"] = bleu.Score, ["test_chrf"] = chrf.Score, ["updates"] = training.State.Updates, ["epochs"] = RunContext.EpochsDone(training.State),
                ["train_seconds"] = training.State.TrainingSeconds, ["decode_seconds"] = decode, ["seconds"] = training.State.TrainingSeconds + decode,
            };
        }, cancellation, run.WaitForOthers);
        return Path.Combine(run.Store.PathOf(ArtifactKind.Teacher, key), "run");
    }
}
