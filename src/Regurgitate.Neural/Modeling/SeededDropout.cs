using TorchSharp;
using static TorchSharp.torch;

namespace Regurgitate.Neural.Modeling;

/// <summary>
/// Dropout drawing its masks from one generator owned by the model, not libtorch's global one:
/// saving and restoring <see cref="State"/> makes a resumed run draw exactly the masks an
/// uninterrupted run would have drawn.
/// </summary>
public sealed class SeededDropout : IDisposable
{
    readonly Generator generator;

    /// <summary>Creates the generator on <paramref name="device"/> (CUDA masks need a CUDA generator).</summary>
    public SeededDropout(long seed, Device device)
    {
        generator = new Generator((ulong)seed, device);
    }

    /// <summary>Zeroes each element with probability <paramref name="p"/> and rescales the rest by 1/(1-p), when training.</summary>
    public Tensor Apply(Tensor x, double p, bool training)
    {
        if (!training || p <= 0) return x.alias();
        using var keep = torch.rand(x.shape, dtype: x.dtype, device: x.device, generator: generator).ge_(p);
        return x.mul(keep).div_(1 - p);
    }

    /// <summary>The generator state (a CPU byte tensor), for checkpoints.</summary>
    public Tensor State => generator.get_state();

    /// <summary>Restores a state from <see cref="State"/>.</summary>
    public void Restore(Tensor state) => generator.set_state(state);

    /// <summary>Reseeds the generator.</summary>
    public void Reseed(long seed) => generator.manual_seed(seed);

    public void Dispose() => generator.Dispose();
}
