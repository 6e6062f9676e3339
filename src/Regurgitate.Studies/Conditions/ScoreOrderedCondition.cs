using Regurgitate.Quality;

namespace Regurgitate.Studies;

/// <summary>
/// `ordered: {generator: G, by: combined}` (quality-ordered training, the paper's first mitigation) and
/// `ranked: {generator: G}` (detector-ranked inclusion, its third): at size n, the n pairs of G with the
/// best score among the whole student pool, so better pairs enter first. Ties go to the earlier pool
/// position, so the order is deterministic and sizes nest (the n best are among the n+1 best).
/// Compared at equal size with `synthetic: G` (the same pairs in the pool's random order).
/// </summary>
/// <param name="Name">The condition's name.</param>
/// <param name="Type">ordered or ranked.</param>
/// <param name="Score">The score that orders the pairs.</param>
public sealed record ScoreOrderedCondition(string Name, string Type, PairScoreRequest Score) : StudyCondition(Name)
{
    public override string Type { get; } = Type;
    public override IReadOnlyList<string> Generators => [Score.Generator];
    public override IReadOnlyList<PairScoreRequest> Scores => [Score];
    public override bool SelectsFromWholePool => true;
    public override string Key => $"{Type}:{Score.Id}";

    public override IReadOnlyList<ComposedPair> Compose(ConditionInputs data, int size)
    {
        var targets = data.Generated[Score.Generator];
        var scores = data.Scores[Score.Id];
        return QualityOrder.BestFirst(scores)
            .Where(i => targets[i] != null && scores[i] is not null)
            .Take(size)
            .Select(i => new ComposedPair(data.Sources[i], targets[i]!, data.HumanTargets[i], Score.Generator))
            .ToList();
    }
}
