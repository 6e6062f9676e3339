namespace Regurgitate.Quality;

/// <summary>A reference-free quality score of synthetic pairs: higher is better; null where it cannot be computed.</summary>
public interface IQualityScore
{
    /// <summary>The score's name as in `--scores` and the JSONL, e.g. "agreement".</summary>
    string Name { get; }

    /// <summary>One value per pair, in order (null: not available for that pair).</summary>
    IReadOnlyList<double?> Score(IReadOnlyList<QualityPair> pairs, CancellationToken cancellationToken = default);
}
