using static TorchSharp.torch;

namespace Regurgitate.Modeling;

/// <summary>The incremental-decoding state of a whole decoder: one self- and one cross-attention cache per layer.</summary>
public sealed class DecoderCache : IDisposable
{
    readonly AttentionCache[] self;
    readonly AttentionCache[] cross;

    /// <summary>An empty cache for a decoder of <paramref name="layers"/> layers.</summary>
    public DecoderCache(int layers)
    {
        self = Enumerable.Range(0, layers).Select(_ => new AttentionCache()).ToArray();
        cross = Enumerable.Range(0, layers).Select(_ => new AttentionCache()).ToArray();
    }

    /// <summary>Self-attention cache of layer <paramref name="layer"/>.</summary>
    public AttentionCache Self(int layer) => self[layer];
    /// <summary>Cross-attention cache of layer <paramref name="layer"/>.</summary>
    public AttentionCache Cross(int layer) => cross[layer];

    /// <summary>Target positions decoded so far.</summary>
    public long Length => self[0].Length;

    /// <summary>Reorders self-attention caches to follow the surviving hypotheses (<paramref name="rows"/> index old rows).</summary>
    public void ReorderSelf(Tensor rows)
    {
        foreach (var c in self) c.SelectRows(rows);
    }

    /// <summary>Keeps cross-attention rows <paramref name="rows"/> (when finished sentences leave the batch).</summary>
    public void SelectCrossRows(Tensor rows)
    {
        foreach (var c in cross) c.SelectRows(rows);
    }

    public void Dispose()
    {
        foreach (var c in self) c.Dispose();
        foreach (var c in cross) c.Dispose();
    }
}
