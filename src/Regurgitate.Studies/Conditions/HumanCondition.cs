namespace Regurgitate.Studies;

/// <summary>`human`: the pool's sources with their human targets (the baseline).</summary>
public sealed record HumanCondition(string Name) : StudyCondition(Name)
{
    /// <summary>The origin name of human targets.</summary>
    public const string Origin = "human";

    public override string Type => "human";
    public override IReadOnlyList<string> Generators => [];
    public override string Key => "human";

    public override IReadOnlyList<ComposedPair> Compose(ConditionInputs data, int size) =>
        Enumerable.Range(0, size).Select(i => new ComposedPair(data.Sources[i], data.HumanTargets[i], data.HumanTargets[i], Origin)).ToList();
}
