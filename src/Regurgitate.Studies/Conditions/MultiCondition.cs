namespace Regurgitate.Studies;

/// <summary>
/// `multi: [G1, G2]`: several generators' targets for the same sources, each target a pair of its own. Size
/// counts pairs, as for every other condition, so curves compare at equal training data: size n takes the
/// pool's first ⌈n/k⌉ sources with k origins, pairs ordered source by source (G1's, G2's, ...) and cut at n.
/// So it has fewer distinct sources than `human` at the same size (the report states how many), and it is
/// nested across sizes. A target an origin failed on is left out (fewer pairs), as in `synthetic`.
/// </summary>
/// <param name="Name">The condition's name.</param>
/// <param name="Origins">The generators (or "human"), at least two, in spec order.</param>
public sealed record MultiCondition(string Name, IReadOnlyList<string> Origins) : StudyCondition(Name)
{
    public override string Type => "multi";
    public override IReadOnlyList<string> Generators => Origins.Where(o => o != HumanCondition.Origin).ToList();
    public override string Key => "multi:" + string.Join(",", Origins);
    public override string Description =>
        $"{Origins.Count} targets per source ({string.Join(", ", Origins)}): size n is n pairs from the first ⌈n/{Origins.Count}⌉ sources";

    /// <summary>How many distinct sources size <paramref name="size"/> draws on.</summary>
    public int SourcesAt(int size) => (size + Origins.Count - 1) / Origins.Count;

    public override IReadOnlyList<ComposedPair> Compose(ConditionInputs data, int size)
    {
        var pairs = new List<ComposedPair>(size);
        for (int position = 0; position < size; position++)
        {
            int i = position / Origins.Count;
            string origin = Origins[position % Origins.Count];
            if (data.Target(origin, i) is string target) pairs.Add(new ComposedPair(data.Sources[i], target, data.HumanTargets[i], origin));
        }
        return pairs;
    }
}
