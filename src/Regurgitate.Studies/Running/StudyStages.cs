namespace Regurgitate.Studies;

/// <summary>The units of a run in the order a single process builds them: the tokenizer, the generators, the pair scores, then the cells.</summary>
internal static class StudyStages
{
    /// <summary>The shared units the given cells need, in build order.</summary>
    public static IReadOnlyList<IStageUnit> SharedFor(RunContext run, IReadOnlyList<StudyCell> cells)
    {
        var units = new List<IStageUnit>();
        // A student fine-tuned through an API brings its own tokenizer.
        if (run.Spec.ApiStudent == null) units.Add(new TokenizerStage(run));
        units.AddRange(run.GeneratorsFor(cells).Select(g => new GenerationStage(run, g)));
        units.AddRange(cells.SelectMany(c => c.Condition.Scores).Distinct().Select(r => new PairScoresStage(run, r)));
        return units;
    }

    /// <summary>The shared unit `study run --cell` names (<see cref="StudyUnits"/>).</summary>
    public static IStageUnit Shared(RunContext run, string id) => id == StudyUnits.Tokenizer
        ? new TokenizerStage(run)
        : new GenerationStage(run, run.Spec.Generators.Single(g => StudyUnits.Generator(g.Name) == id));

    /// <summary>The students of the given cells.</summary>
    public static IReadOnlyList<StudentStage> Students(RunContext run, IEnumerable<StudyCell> cells) => cells.Select(c => new StudentStage(run, c)).ToList();
}
