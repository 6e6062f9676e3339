using Regurgitate.Metrics;

namespace Regurgitate.Quality;

/// <summary>
/// `agreement`: the mean sentence chrF of a target against the other generators' targets for the same source
/// (each other target as the reference in turn). Where independent systems agree, the target is rarely wrong;
/// a pair whose other targets are all missing gets null.
/// </summary>
public sealed class AgreementScore : IQualityScore
{
    readonly IReadOnlyList<IReadOnlyList<string?>> others;
    readonly Chrf chrf = new();

    /// <summary>
    /// <paramref name="others"/>: per other generator, its target for each pair in the order of the scored pairs
    /// (null where it has none).
    /// </summary>
    public AgreementScore(IReadOnlyList<IReadOnlyList<string?>> others)
    {
        if (others.Count == 0) throw new ArgumentException("agreement needs at least one other generator's targets", nameof(others));
        this.others = others;
    }

    /// <inheritdoc/>
    public string Name => QualityScoreNames.Agreement;

    /// <inheritdoc/>
    public IReadOnlyList<double?> Score(IReadOnlyList<QualityPair> pairs, CancellationToken cancellationToken = default)
    {
        foreach (var other in others)
            if (other.Count != pairs.Count)
                throw new ArgumentException($"{pairs.Count} pairs but {other.Count} targets of another generator", nameof(pairs));
        var result = new double?[pairs.Count];
        Parallel.For(0, pairs.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            double sum = 0;
            int count = 0;
            foreach (var other in others)
            {
                if (other[i] is not string reference || string.IsNullOrWhiteSpace(reference)) continue;
                sum += chrf.SentenceScore(pairs[i].Target, [reference]).Score;
                count++;
            }
            result[i] = count == 0 ? null : sum / count;
        });
        return result;
    }
}
