using Regurgitate.Interventions;

namespace Regurgitate.Studies;

/// <summary>
/// `flatten: {strength: 0.5}`: the human targets with their lexical diversity lowered (<see cref="LexicalFlattening"/>),
/// the word alternatives learned from the whole student pool's human pairs (never valid or test data). Each
/// pair's choices are seeded by its pool position, so the condition is nested across sizes.
/// </summary>
public sealed record FlattenCondition(string Name, FlattenOptions Options) : StudyCondition(Name)
{
    public override string Type => "flatten";
    public override IReadOnlyList<string> Generators => [];
    public override string Key => $"flatten:{Options.Key}";
    public override bool LearnsFromWholePool => true;
    public override string Description => $"human targets flattened at strength {Options.Strength:0.###} (alternatives learned from the student pool)";

    public override IReadOnlyList<ComposedPair> Compose(ConditionInputs data, int size)
    {
        var flattening = PoolModels.Of(data, Key, () =>
            LexicalFlattening.Learn(data.Sources.Zip(data.HumanTargets).ToList(), Options));
        return Enumerable.Range(0, size)
            .Select(i => new ComposedPair(data.Sources[i], flattening.Apply(i, data.Sources[i], data.HumanTargets[i]).Text, data.HumanTargets[i], HumanCondition.Origin))
            .ToList();
    }
}
