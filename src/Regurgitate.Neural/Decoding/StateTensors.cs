using static TorchSharp.torch;

namespace Regurgitate.Decoding;

/// <summary>
/// Swapping a decoder's per-row state tensors for new ones (beam reordering, finished rows dropped): the new
/// tensor leaves the caller's dispose scope, the old one is freed at once, so state neither leaks nor dies early.
/// </summary>
internal static class StateTensors
{
    /// <summary>Puts <paramref name="value"/> in <paramref name="field"/> and frees what was there.</summary>
    public static void Replace(ref Tensor field, Tensor value)
    {
        var old = field;
        field = value.DetachFromDisposeScope();
        old.Dispose();
    }

    /// <summary>Keeps only <paramref name="rows"/> of an optional state tensor (nothing when it is absent).</summary>
    public static void SelectRows(ref Tensor? field, Tensor rows)
    {
        if (field is null) return;
        var old = field;
        field = old.index_select(0, rows).DetachFromDisposeScope();
        old.Dispose();
    }
}
