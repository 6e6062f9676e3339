using Regurgitate.RunDirectories;

namespace Regurgitate.Studies;

/// <summary>What a run directory still lacks: shared units not built and cells without a "done" result (failed ones included).</summary>
public static class UnfinishedWork
{
    /// <summary>The shared units (<see cref="StudyUnits.Shared"/>) whose artifacts are missing, in plan order.</summary>
    public static IReadOnlyList<string> SharedUnits(StudyPlan plan, string runDirectory)
    {
        var keys = new StudyKeys(plan);
        var store = new ArtifactStore(runDirectory);
        var missing = new List<string>();
        if (plan.Spec.ApiStudent == null && store.Done(ArtifactKind.Tokenizer, keys.Tokenizer) == null) missing.Add(StudyUnits.Tokenizer);
        foreach (var generator in plan.Spec.Generators)
        {
            bool heldOut = plan.Spec.Conditions.Any(c => c.Scores.Any(r => r.Kind == PairScoreRequest.Detector && r.DetectorGenerator == generator.Name));
            if (store.Done(ArtifactKind.Generated, keys.Generations[generator.Name]) == null || (heldOut && store.Done(ArtifactKind.Generated, keys.HeldOutGenerations[generator.Name]) == null))
                missing.Add(StudyUnits.Generator(generator.Name));
        }
        return missing;
    }

    /// <summary>The cells with no current "done" result, in plan order.</summary>
    public static IReadOnlyList<string> Cells(StudyPlan plan, string runDirectory)
    {
        var keys = new StudyKeys(plan);
        var store = new ArtifactStore(runDirectory);
        return plan.Cells.Where(c => CellRecord.ReadCurrent(store.Layout.CellRecord(c.Id), keys.Cell(c))?.Row.Status != CellStatus.Done).Select(c => c.Id).ToList();
    }
}
