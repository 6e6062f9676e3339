using Regurgitate.Errors;

namespace Regurgitate.Quality;

/// <summary>
/// `errors`: 1 for a pair that no reference-free error signal of `regurg errors` flags (<see cref="ErrorAnalysis"/>:
/// empty output, copied source, repetition loop, length outlier, foreign script), 0 for a flagged one. Binary on
/// purpose: each flag marks a pair that is broken, not one that is a little worse.
/// </summary>
public sealed class ErrorFreeScore(ErrorOptions options) : IQualityScore
{
    /// <inheritdoc/>
    public string Name => QualityScoreNames.Errors;

    /// <summary>The options of the error analysis (target scripts, thresholds).</summary>
    public ErrorOptions Options { get; } = options;

    /// <summary>The flags of each pair, in order (no references: only the reference-free signals can fire).</summary>
    public IReadOnlyList<ErrorFlags> Flags(IReadOnlyList<QualityPair> pairs, CancellationToken cancellationToken = default)
    {
        if (pairs.Count == 0) return [];
        var report = ErrorAnalysis.Analyze(pairs.Select(p => p.Target).ToList(), pairs.Select(p => p.Source).ToList(), null, Options, null, cancellationToken);
        return report.Segments.Select(s => s.Flags).ToList();
    }

    /// <inheritdoc/>
    public IReadOnlyList<double?> Score(IReadOnlyList<QualityPair> pairs, CancellationToken cancellationToken = default) =>
        Flags(pairs, cancellationToken).Select(f => f == ErrorFlags.None ? 1.0 : (double?)0.0).ToList();
}
