namespace Regurgitate.Studies;

/// <summary>
/// A per-pair score a condition orders or weights pairs by, computed once per study over the whole student pool
/// (higher = better): a reference-free quality score (<c>regurg quality</c>), a detector's probability that the
/// target is human-made (<c>regurg detector</c>), or the oracle: sentence chrF against the human target.
/// </summary>
/// <param name="Generator">Whose targets are scored: a generator, or <c>human</c> for the pool's human targets (pruned-human).</param>
/// <param name="Kind"><see cref="Quality"/>, <see cref="Detector"/> or <see cref="Oracle"/>.</param>
/// <param name="Method">The quality score's name (errors, agreement, confidence, scorer, combined), the detector's model kind (linear, neural), or chrF.</param>
/// <param name="Scorer">For quality scores that need a model: the teacher whose model scores the pairs, or null.</param>
/// <param name="Against">For a detector scoring human targets: the generator whose targets it learned to tell from human ones.</param>
public sealed record PairScoreRequest(string Generator, string Kind, string Method, string? Scorer = null, string? Against = null)
{
    /// <summary>A reference-free quality score.</summary>
    public const string Quality = "quality";
    /// <summary>P(human) from a detector of machine-made targets.</summary>
    public const string Detector = "detector";
    /// <summary>Sentence chrF of the target against the human target of the same source (not reference-free: an upper bound).</summary>
    public const string Oracle = "oracle";
    /// <summary>The oracle's method: sacreBLEU's sentence chrF.</summary>
    public const string OracleMethod = "chrF";

    /// <summary>Whether it scores the pool's human targets rather than a generator's.</summary>
    public bool OfHuman => Generator == HumanCondition.Origin;

    /// <summary>For a detector: the generator whose targets (for the detector pool) train it.</summary>
    public string DetectorGenerator => Against ?? Generator;

    /// <summary>
    /// What orders the pairs, in data.jsonl's words: quality:combined (quality:scorer:T with a scorer model), detector:linear:vs-G
    /// (a detector trained on G's targets, whichever targets it then scores), oracle:chrF. A strategy and its pruned-human control
    /// share it, which is how the report pairs them.
    /// </summary>
    public string Ordering => Kind == Detector ? $"{Kind}:{Method}:vs-{DetectorGenerator}" : Scorer == null ? $"{Kind}:{Method}" : $"{Kind}:{Method}:{Scorer}";

    /// <summary>Identifies the score within a study (and in file names): e.g. quality-teacher-combined, detector-human-linear-vs-other.</summary>
    public string Id => $"{Kind}-{Generator}-{Method}" + (Scorer == null ? "" : $"-{Scorer}") + (Against == null ? "" : $"-vs-{Against}");
}
