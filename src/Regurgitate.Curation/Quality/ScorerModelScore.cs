using Regurgitate.Decoding;

namespace Regurgitate.Quality;

/// <summary>
/// `scorer`: how probable a model of ours trained on human data finds the target given the source, by forced
/// decoding: the mean log-probability per target subword token, EOS included (<see cref="Translator.ScoreTargets"/>).
/// </summary>
public sealed class ScorerModelScore(Translator scorer, int batchSize = 64) : IQualityScore
{
    /// <inheritdoc/>
    public string Name => QualityScoreNames.Scorer;

    /// <inheritdoc/>
    public IReadOnlyList<double?> Score(IReadOnlyList<QualityPair> pairs, CancellationToken cancellationToken = default)
    {
        var result = new List<double?>(pairs.Count);
        // Chunks keep cancellation responsive on a large corpus.
        foreach (var chunk in pairs.Chunk(batchSize * 16))
        {
            cancellationToken.ThrowIfCancellationRequested();
            result.AddRange(scorer.ScoreTargets(chunk.Select(p => p.Source).ToList(), chunk.Select(p => p.Target).ToList(), batchSize).Select(s => (double?)s));
        }
        return result;
    }
}
