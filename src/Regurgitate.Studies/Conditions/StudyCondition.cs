namespace Regurgitate.Studies;

/// <summary>
/// What one condition trains its students on: from the student pool's sources (in pool order), their
/// human targets and every generator's targets, the training pairs at a given size. This is the seam for
/// new condition types (quality-ordered, detector-ranked, noised...): subclass it and register a reader
/// in <see cref="ConditionReader"/>. A condition must be nested (its pairs at size n are among its pairs at
/// any larger size) so learning curves are comparable, and deterministic given the same inputs.
/// </summary>
/// <param name="Name">The condition's name in cell ids and results (letters, digits, '-', '_').</param>
public abstract record StudyCondition(string Name)
{
    /// <summary>The condition type as written in the spec (human, synthetic, mix, ...).</summary>
    public abstract string Type { get; }

    /// <summary>The generators whose targets it uses, in spec order.</summary>
    public abstract IReadOnlyList<string> Generators { get; }

    /// <summary>Per-pair scores it orders or weights pairs by, computed by the runner before the cells.</summary>
    public virtual IReadOnlyList<PairScoreRequest> Scores => [];

    /// <summary>
    /// True when its pairs at size n are chosen from the whole student pool (by a score), not from the pool's
    /// first n positions: then every size depends on the whole pool.
    /// </summary>
    public virtual bool SelectsFromWholePool => false;

    /// <summary>What orders (or weights) the pairs it chooses, e.g. quality:combined, detector:linear:vs-G, oracle:chrF; null for pool order.</summary>
    public virtual string? Ordering => null;

    /// <summary>Canonical settings; part of the key of every student trained under this condition.</summary>
    public abstract string Key { get; }

    /// <summary>
    /// Whether its pairs at any size depend on the whole student pool (it learns something from it, as
    /// flatten does), so a student's key must include the pool at its largest size, not just its first n pairs.
    /// </summary>
    public virtual bool LearnsFromWholePool => false;

    /// <summary>What it trains on, in words, when the type and generators do not say it all (shown in the report); null when they do.</summary>
    public virtual string? Description => null;

    /// <summary>
    /// The training pairs at <paramref name="size"/>, drawn from the pool's first <paramref name="size"/> sources: each
    /// source at most once, except in `multi`, where size counts pairs with k targets per source.
    /// </summary>
    public abstract IReadOnlyList<ComposedPair> Compose(ConditionInputs data, int size);
}
