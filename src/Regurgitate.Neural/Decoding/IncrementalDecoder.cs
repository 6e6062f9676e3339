using Regurgitate.Modeling;
using static TorchSharp.torch;

namespace Regurgitate.Decoding;

/// <summary>
/// Step-by-step next-token log-probabilities of an encoder-decoder model for a batch of rows (sentences × hypotheses). With a cache,
/// each step feeds only the newest token and reuses earlier keys/values; without, it reruns the whole
/// prefix (slow, used to check the cache). Owns the encoder output, source mask and cache.
/// </summary>
public sealed class IncrementalDecoder : IIncrementalDecoder
{
    readonly TranslationModel model;
    readonly DecoderCache? cache;
    Tensor? memory;
    Tensor sourceMask;
    Tensor? prefix;

    /// <summary>Encodes <paramref name="source"/> (rows, src) once.</summary>
    public IncrementalDecoder(TranslationModel model, Tensor source, bool useCache)
    {
        this.model = model;
        using var scope = NewDisposeScope();
        sourceMask = model.SourceMask(source).DetachFromDisposeScope();
        memory = model.Encode(source, sourceMask).DetachFromDisposeScope();
        cache = useCache ? new DecoderCache(model.Config.DecoderLayers) : null;
    }

    /// <summary>Log-probabilities (rows, vocab, float32) of the token after <paramref name="lastTokens"/> (rows) given everything fed before.</summary>
    public Tensor Step(Tensor lastTokens)
    {
        using var scope = NewDisposeScope();
        var input = lastTokens.view(-1, 1);
        Tensor logits;
        if (cache != null)
        {
            logits = model.Decode(input, memory, sourceMask, cache);
            if (memory is not null) { memory.Dispose(); memory = null; } // cross-attention keys/values are cached now
        }
        else
        {
            var full = prefix is null ? input.alias() : cat([prefix, input], 1);
            prefix?.Dispose();
            prefix = full.DetachFromDisposeScope();
            logits = model.Decode(prefix, memory, sourceMask);
        }
        return logits.select(1, -1).to(ScalarType.Float32).log_softmax(-1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Continues with rows <paramref name="rows"/> (old row indices): beam reordering and dropping finished sentences.
    /// When <paramref name="sameSentences"/>, rows only moved among the hypotheses of each sentence; since all
    /// rows of a sentence share identical encoder-side tensors, only the target-side state is reselected.
    /// </summary>
    public void SelectRows(Tensor rows, bool sameSentences)
    {
        using var scope = NewDisposeScope();
        cache?.ReorderSelf(rows);
        if (!sameSentences)
        {
            cache?.SelectCrossRows(rows);
            StateTensors.Replace(ref sourceMask, sourceMask.index_select(0, rows));
            StateTensors.SelectRows(ref memory, rows);
        }
        StateTensors.SelectRows(ref prefix, rows);
    }

    public void Dispose()
    {
        cache?.Dispose();
        memory?.Dispose();
        sourceMask.Dispose();
        prefix?.Dispose();
    }
}
