namespace Regurgitate.Studies;

/// <summary>`synthetic: G`: the same sources as `human`, with G's targets. Sources G failed on are left out.</summary>
public sealed record SyntheticCondition(string Name, string Generator) : StudyCondition(Name)
{
    public override string Type => "synthetic";
    public override IReadOnlyList<string> Generators => [Generator];
    public override string Key => $"synthetic:{Generator}";

    public override IReadOnlyList<ComposedPair> Compose(ConditionInputs data, int size) =>
        Enumerable.Range(0, size)
            .Where(i => data.Generated[Generator][i] != null)
            .Select(i => new ComposedPair(data.Sources[i], data.Generated[Generator][i]!, data.HumanTargets[i], Generator))
            .ToList();
}
