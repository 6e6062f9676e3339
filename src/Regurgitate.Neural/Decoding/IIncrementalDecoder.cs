using Regurgitate.Modeling;
using static TorchSharp.torch;

namespace Regurgitate.Decoding;

/// <summary>
/// Step-by-step next-token log-probabilities for a batch of rows (sentences × hypotheses): what greedy, sampling
/// and beam search drive, whatever the architecture.
/// </summary>
public interface IIncrementalDecoder : IDisposable
{
    /// <summary>Log-probabilities (rows, vocab, float32) of the token after <paramref name="lastTokens"/> (rows) given everything fed before.</summary>
    Tensor Step(Tensor lastTokens);

    /// <summary>
    /// Continues with rows <paramref name="rows"/> (old row indices): beam reordering and dropping finished sentences.
    /// <paramref name="sameSentences"/>: rows only moved among the hypotheses of each sentence.
    /// </summary>
    void SelectRows(Tensor rows, bool sameSentences);

    /// <summary>
    /// The decoder for <paramref name="model"/> over <paramref name="sources"/> (ids without EOS), each repeated
    /// <paramref name="copies"/> times in consecutive rows. The first step's input is the BOS id in every row.
    /// </summary>
    static IIncrementalDecoder Start(TranslationModel model, IReadOnlyList<int[]> sources, int copies, bool useCache)
    {
        if (model.Config.IsDecoderOnly) return new PromptedDecoder(model, sources, copies, useCache);
        using var source = SourceBatch.Create(sources, copies, model.Config, model.Device);
        return new IncrementalDecoder(model, source, useCache);
    }
}
