using Regurgitate.Runtime;
using static TorchSharp.torch;

namespace Regurgitate.Modeling;

/// <summary>Fixed sinusoidal position encodings (Vaswani et al. 2017, section 3.5).</summary>
public static class SinusoidalPositions
{
    /// <summary>
    /// Encodings of positions <paramref name="start"/>..start+length-1, shape (length, dim):
    /// PE(pos, 2i) = sin(pos / 10000^(2i/d)), PE(pos, 2i+1) = cos(pos / 10000^(2i/d)).
    /// </summary>
    public static Tensor Encode(long start, long length, int dim, Device device)
    {
        using var scope = NewDisposeScope();
        var positions = KeptScalars.Range(start, start + length, 1, ScalarType.Float32, device).unsqueeze(1);
        var frequencies = exp(KeptScalars.Range(0, dim, 2, ScalarType.Float32, device).Times(-Math.Log(10000.0) / dim));
        var angles = positions.mul(frequencies.unsqueeze(0));                     // (length, dim/2)
        var table = stack([angles.sin(), angles.cos()], 2).reshape(length, dim); // interleave sin, cos
        return table.MoveToOuterDisposeScope();
    }
}
