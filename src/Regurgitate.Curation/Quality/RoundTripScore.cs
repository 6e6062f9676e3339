using Regurgitate.Decoding;
using Regurgitate.Metrics;

namespace Regurgitate.Quality;

/// <summary>
/// `round-trip`: translate the target back with a reverse model and score the back-translation against the
/// source with sentence chrF (sacreBLEU's defaults). Greedy decoding unless other options are given.
/// </summary>
public sealed class RoundTripScore(Translator reverse, DecodingOptions? decoding = null) : IQualityScore
{
    readonly DecodingOptions decoding = (decoding ?? DecodingOptions.Greedy).Validated();
    readonly Chrf chrf = new();

    /// <inheritdoc/>
    public string Name => QualityScoreNames.RoundTrip;

    /// <inheritdoc/>
    public IReadOnlyList<double?> Score(IReadOnlyList<QualityPair> pairs, CancellationToken cancellationToken = default)
    {
        var result = new List<double?>(pairs.Count);
        foreach (var chunk in pairs.Chunk(decoding.BatchSize * 16))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var back = reverse.Translate(chunk.Select(p => p.Target).ToList(), decoding);
            for (int i = 0; i < chunk.Length; i++)
                result.Add(chrf.SentenceScore(back[i].Text, [chunk[i].Source]).Score);
        }
        return result;
    }
}
