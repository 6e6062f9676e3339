namespace Regurgitate.Studies;

/// <summary>
/// `mix: {human: 0.5, G1: 0.25, G2: 0.25}`: the same sources as `human` at the same total size, each source
/// once, its target taken from one origin so that every prefix of the pool holds the shares as closely as
/// whole pairs allow (a source goes to the origin furthest below its share so far; ties by spec order).
/// So the mix is nested across sizes and exact to within one pair at each size.
/// </summary>
/// <param name="Name">The condition's name.</param>
/// <param name="Shares">Origin ("human" or a generator) and its share; shares sum to 1.</param>
public sealed record MixCondition(string Name, IReadOnlyList<KeyValuePair<string, double>> Shares) : StudyCondition(Name)
{
    public override string Type => "mix";
    public override IReadOnlyList<string> Generators => Shares.Select(s => s.Key).Where(k => k != HumanCondition.Origin).ToList();
    public override string Key => "mix:" + string.Join(",", Shares.Select(s => $"{s.Key}={s.Value:R}"));

    /// <summary>The origin of each of the first <paramref name="count"/> pool positions.</summary>
    public IReadOnlyList<string> Assign(int count)
    {
        var taken = new int[Shares.Count];
        var origins = new string[count];
        for (int i = 0; i < count; i++)
        {
            int best = 0;
            double bestDeficit = double.NegativeInfinity;
            for (int k = 0; k < Shares.Count; k++)
            {
                double deficit = Shares[k].Value * (i + 1) - taken[k];
                if (deficit > bestDeficit + 1e-12) { best = k; bestDeficit = deficit; }
            }
            taken[best]++;
            origins[i] = Shares[best].Key;
        }
        return origins;
    }

    public override IReadOnlyList<ComposedPair> Compose(ConditionInputs data, int size)
    {
        var origins = Assign(size);
        var pairs = new List<ComposedPair>(size);
        for (int i = 0; i < size; i++)
        {
            string? target = data.Target(origins[i], i);
            if (target != null) pairs.Add(new ComposedPair(data.Sources[i], target, data.HumanTargets[i], origins[i]));
        }
        return pairs;
    }
}
