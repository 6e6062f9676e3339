using Regurgitate.Runtime;
using static TorchSharp.torch;

namespace Regurgitate.Decoding;

/// <summary>
/// Draws the next token from the model's distribution, reshaped by a temperature and truncated to the
/// top k tokens and/or the nucleus of probability p (Holtzman et al. 2020). Seeded: same seed, same samples.
/// </summary>
public sealed class TokenSampler : IDisposable
{
    readonly Generator generator;
    readonly double temperature;
    readonly int topK;
    readonly double topP;

    public TokenSampler(DecodingOptions options, Device device)
    {
        generator = new Generator((ulong)options.Seed, device);
        temperature = options.Temperature;
        topK = options.TopK;
        topP = options.TopP;
    }

    /// <summary>One token id per row of <paramref name="logProbabilities"/> (rows, vocab); returns (rows) int64.</summary>
    public Tensor Sample(Tensor logProbabilities)
    {
        using var scope = NewDisposeScope();
        var scores = logProbabilities.DividedBy(temperature);
        if (topK > 0 && topK < scores.shape[1])
        {
            var kth = scores.topk(topK, 1).values.select(1, topK - 1).unsqueeze(1);
            scores = scores.MaskedFill(scores.lt(kth), double.NegativeInfinity);
        }
        if (topP < 1.0)
        {
            var (sorted, order) = scores.sort(1, descending: true);
            var probabilities = sorted.softmax(1);
            // Drop a token when the tokens ranked above it already reach p; the top token always stays.
            var above = probabilities.cumsum(1).Minus(probabilities);
            var truncated = sorted.MaskedFill(above.AtLeast(topP), double.NegativeInfinity);
            scores = KeptScalars.FilledLike(scores, double.NegativeInfinity).scatter(1, order, truncated);
        }
        return scores.softmax(1).multinomial(1, false, generator).view(-1).MoveToOuterDisposeScope();
    }

    public void Dispose() => generator.Dispose();
}
