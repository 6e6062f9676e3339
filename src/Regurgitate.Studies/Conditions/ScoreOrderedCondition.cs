using Regurgitate.Quality;

namespace Regurgitate.Studies;

/// <summary>
/// `ordered: {generator: G, by: combined}` (quality-ordered training, the paper's first mitigation) and
/// `ranked: {generator: G}` (detector-ranked inclusion, its third): at size n, the n pairs of G with the
/// best score among the whole student pool, so better pairs enter first. Ties go to the earlier pool
/// position, so the order is deterministic and sizes nest (the n best are among the n+1 best).
/// Compared at equal size with `synthetic: G` (the same pairs in the pool's random order), and with two controls
/// of the same form: `pruned-human` (generator: human: the same ordering applied to the pool's human targets,
/// so a gain over `human`, which takes the pool's first n, is not just pruning) and `oracle` (by: oracle: G's
/// pairs by sentence chrF against the human target, the best any quality score could do).
/// </summary>
/// <param name="Name">The condition's name.</param>
/// <param name="Type">ordered, ranked, pruned-human or oracle.</param>
/// <param name="Score">The score that orders the pairs.</param>
public sealed record ScoreOrderedCondition(string Name, string Type, PairScoreRequest Score) : StudyCondition(Name)
{
    /// <summary>The type of the human-target control.</summary>
    public const string PrunedHuman = "pruned-human";
    /// <summary>The type of the reference-based upper bound.</summary>
    public const string Oracle = "oracle";

    public override string Type { get; } = Type;
    // Human targets need no generation stage.
    public override IReadOnlyList<string> Generators => Score.OfHuman ? [] : [Score.Generator];
    public override IReadOnlyList<PairScoreRequest> Scores => [Score];
    public override bool SelectsFromWholePool => true;
    public override string? Ordering => Score.Ordering;
    public override string Key => $"{Type}:{Score.Id}";

    public override string? Description => Score.OfHuman
        ? $"human targets, the best n of the whole pool by {Score.Ordering}"
        : null;

    public override IReadOnlyList<ComposedPair> Compose(ConditionInputs data, int size)
    {
        var scores = data.Scores[Score.Id];
        return QualityOrder.BestFirst(scores)
            .Where(i => data.Target(Score.Generator, i) != null && scores[i] is not null)
            .Take(size)
            .Select(i => new ComposedPair(data.Sources[i], data.Target(Score.Generator, i)!, data.HumanTargets[i], Score.Generator))
            .ToList();
    }
}
