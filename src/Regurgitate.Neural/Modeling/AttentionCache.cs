using static TorchSharp.torch;

namespace Regurgitate.Modeling;

/// <summary>
/// Keys and values one attention block has already computed during incremental decoding, shaped
/// (rows, heads, length, head_dim). Self-attention appends one position per step; cross-attention
/// computes the encoder's keys and values once. The cache owns its tensors (they live outside any
/// dispose scope) and disposes them when replaced or disposed.
/// </summary>
public sealed class AttentionCache : IDisposable
{
    /// <summary>Cached keys, or null before the first step.</summary>
    public Tensor? Keys { get; private set; }
    /// <summary>Cached values, or null before the first step.</summary>
    public Tensor? Values { get; private set; }

    /// <summary>Number of cached positions.</summary>
    public long Length => Keys?.shape[2] ?? 0;

    /// <summary>Replaces the cached tensors, taking ownership of the new ones.</summary>
    public void Set(Tensor keys, Tensor values)
    {
        var oldKeys = Keys;
        var oldValues = Values;
        Keys = keys.DetachFromDisposeScope();
        Values = values.DetachFromDisposeScope();
        if (!ReferenceEquals(oldKeys, Keys)) oldKeys?.Dispose();
        if (!ReferenceEquals(oldValues, Values)) oldValues?.Dispose();
    }

    /// <summary>Keeps rows <paramref name="rows"/> (beam reordering, dropping finished sentences).</summary>
    public void SelectRows(Tensor rows)
    {
        if (Keys is null || Values is null) return;
        Set(Keys.index_select(0, rows), Values.index_select(0, rows));
    }

    public void Dispose()
    {
        Keys?.Dispose();
        Values?.Dispose();
        Keys = Values = null;
    }
}
