using Regurgitate.Detection;

namespace Regurgitate.Studies;

/// <summary>
/// `weighted: {generator: G, power: 1, max_repeats: 2}`: detector-weighted sampling (as Drayson et al. 2025
/// used against model collapse): n draws from the whole pool of G's pairs, each pair drawn with weight
/// P(human)^power, a pair at most <paramref name="MaxRepeats"/> times. The draws form one seeded sequence
/// and size n takes its first n, so sizes nest. A pair drawn twice is trained on twice: the size counts
/// training pairs, not distinct sources.
/// </summary>
/// <param name="Name">The condition's name.</param>
/// <param name="Score">The detector score (P(human)).</param>
/// <param name="Power">The exponent b of the weight P(human)^b (0: uniform).</param>
/// <param name="MaxRepeats">How often one pair may be drawn.</param>
/// <param name="Seed">Seed of the draws.</param>
public sealed record WeightedCondition(string Name, PairScoreRequest Score, double Power, int MaxRepeats, ulong Seed) : StudyCondition(Name)
{
    public override string Type => "weighted";
    public override IReadOnlyList<string> Generators => [Score.Generator];
    public override IReadOnlyList<PairScoreRequest> Scores => [Score];
    public override bool SelectsFromWholePool => true;
    public override string? Ordering => Score.Ordering;
    public override string Key => FormattableString.Invariant($"weighted:{Score.Id}:b={Power:R}:repeats={MaxRepeats}:seed={Seed}");

    public override IReadOnlyList<ComposedPair> Compose(ConditionInputs data, int size)
    {
        var targets = data.Generated[Score.Generator];
        var scores = data.Scores[Score.Id];
        var eligible = Enumerable.Range(0, data.Sources.Count).Where(i => targets[i] != null && scores[i] is not null).ToList();
        // The draws are one seeded sequence, so size n takes the first n of any larger size's draws.
        int count = (int)Math.Min(size, (long)eligible.Count * MaxRepeats);
        return DetectorWeightedSampling.Sample(eligible.Select(i => scores[i]!.Value).ToList(), count, Power, MaxRepeats, (int)(Seed % int.MaxValue))
            .Select(k => eligible[k])
            .Select(i => new ComposedPair(data.Sources[i], targets[i]!, data.HumanTargets[i], Score.Generator))
            .ToList();
    }
}
