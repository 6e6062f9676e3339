namespace Regurgitate.Studies;

/// <summary>
/// A per-pair score a condition orders or weights a generator's pairs by, computed once per study over the
/// whole student pool (higher = better): a reference-free quality score (<c>regurg quality</c>), or a
/// detector's probability that the target is human-made (<c>regurg detector</c>).
/// </summary>
/// <param name="Generator">Whose targets are scored.</param>
/// <param name="Kind"><see cref="Quality"/> or <see cref="Detector"/>.</param>
/// <param name="Method">The quality score's name (errors, agreement, confidence, scorer, combined) or the detector's model kind (linear, neural).</param>
/// <param name="Scorer">For quality scores that need a model: the teacher whose model scores the pairs, or null.</param>
public sealed record PairScoreRequest(string Generator, string Kind, string Method, string? Scorer = null)
{
    /// <summary>A reference-free quality score.</summary>
    public const string Quality = "quality";
    /// <summary>P(human) from a detector of machine-made targets.</summary>
    public const string Detector = "detector";

    /// <summary>Identifies the score within a study (and in file names): e.g. quality-teacher-combined.</summary>
    public string Id => Scorer == null ? $"{Kind}-{Generator}-{Method}" : $"{Kind}-{Generator}-{Method}-{Scorer}";
}
