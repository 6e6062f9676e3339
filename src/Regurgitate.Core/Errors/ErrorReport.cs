namespace Regurgitate.Errors;

/// <summary>Per-segment error signals of a set of outputs and how often each error type occurs.</summary>
/// <param name="Segments">One entry per line, in order.</param>
/// <param name="LengthBaseline">What the length z-scores are measured against, in words.</param>
/// <param name="LengthZ">Centre (a log length ratio) and scale of the length z-scores.</param>
/// <param name="EditRates">Distribution of edit rates when references were given, else null.</param>
/// <param name="ReferenceSignature">The reference metrics' signature when references were given.</param>
public sealed record ErrorReport(
    IReadOnlyList<SegmentErrors> Segments,
    string LengthBaseline,
    RobustZ LengthZ,
    EditRateDistribution? EditRates,
    string? ReferenceSignature)
{
    /// <summary>Segments flagged with <paramref name="flag"/>.</summary>
    public int Count(ErrorFlags flag) => Segments.Count(s => (s.Flags & flag) != 0);

    /// <summary>Share of segments flagged with <paramref name="flag"/> (0 for an empty corpus).</summary>
    public double Share(ErrorFlags flag) => Segments.Count == 0 ? 0 : (double)Count(flag) / Segments.Count;

    /// <summary>Segments with at least one reference-free flag (everything but a high edit rate).</summary>
    public int FlaggedReferenceFree => Segments.Count(s => (s.Flags & ~ErrorFlags.HighEditRate) != 0);
}
