using Regurgitate.Interventions;

namespace Regurgitate.Studies;

/// <summary>
/// `noise: {rate: 0.1, ops: [drop, swap, substitute], of: G}`: the targets of `of` (human when absent) with a
/// share `rate` of their tokens corrupted (<see cref="TargetNoise"/>): raises the error rate with sources and
/// everything else fixed. Substitutes are drawn from the whole student pool's targets of `of`, and each pair's
/// noise is seeded by its pool position, so the condition is nested across sizes.
/// </summary>
public sealed record NoiseCondition(string Name, NoiseOptions Options, string Of) : StudyCondition(Name)
{
    public override string Type => "noise";
    public override IReadOnlyList<string> Generators => Of == HumanCondition.Origin ? [] : [Of];
    public override string Key => $"noise:{Of}:{Options.Key}";
    public override bool LearnsFromWholePool => true;
    public override string Description => $"{Of} targets with {Options.Rate:0.###} of their tokens corrupted ({Options.Mix})";

    public override IReadOnlyList<ComposedPair> Compose(ConditionInputs data, int size)
    {
        var noise = PoolModels.Of(data, Key, () =>
            TargetNoise.Create(Enumerable.Range(0, data.Sources.Count).Select(i => data.Target(Of, i)).OfType<string>(), Options));
        var pairs = new List<ComposedPair>(size);
        for (int i = 0; i < size; i++)
            if (data.Target(Of, i) is string target)
                pairs.Add(new ComposedPair(data.Sources[i], noise.Apply(i, target).Text, data.HumanTargets[i], Of));
        return pairs;
    }
}
