using Regurgitate.Errors;

namespace Regurgitate.Quality;

/// <summary>Scores the pairs of a synthetic corpus with the chosen quality scores and combines them.</summary>
public static class QualityScoring
{
    /// <summary>
    /// Runs each of <paramref name="scores"/> over <paramref name="pairs"/>, finds each pair's reference-free error
    /// flags with <paramref name="errorOptions"/> (always: they gate `combined`, see <see cref="CombinedQuality"/>),
    /// and computes `combined`. When <paramref name="scores"/> holds an <see cref="ErrorFreeScore"/>, its options
    /// find the flags instead, so that the `errors` column and the gate agree.
    /// </summary>
    public static QualityScores Score(
        IReadOnlyList<QualityPair> pairs,
        IReadOnlyList<IQualityScore> scores,
        ErrorOptions errorOptions,
        CancellationToken cancellationToken = default)
    {
        var duplicate = scores.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null) throw new ArgumentException($"score '{duplicate.Key}' given twice", nameof(scores));
        var errorScore = scores.OfType<ErrorFreeScore>().FirstOrDefault() ?? new ErrorFreeScore(errorOptions);
        var flags = errorScore.Flags(pairs, cancellationToken);
        var values = new Dictionary<string, IReadOnlyList<double?>>();
        foreach (var score in scores)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var column = score is ErrorFreeScore
                ? flags.Select(f => f == ErrorFlags.None ? 1.0 : (double?)0.0).ToList()
                : score.Score(pairs, cancellationToken);
            if (column.Count != pairs.Count)
                throw new InvalidOperationException($"score {score.Name} gave {column.Count} values for {pairs.Count} pairs");
            values[score.Name] = column;
        }
        var combined = CombinedQuality.Combine(values, flags.Select(f => f != ErrorFlags.None).ToList());
        return new QualityScores(
            pairs.Select(p => p.Id).ToList(), pairs.Select(p => p.Target).ToList(),
            scores.Select(s => s.Name).ToList(), values, flags, combined);
    }
}
