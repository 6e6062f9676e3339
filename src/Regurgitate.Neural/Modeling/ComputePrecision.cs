using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Regurgitate.Modeling;

/// <summary>
/// The model-wide choice of <see cref="MatmulPrecision"/>, shared by all layers (like the dropout generator),
/// so that one switch moves training or decoding between float32 and mixed precision.
/// </summary>
public sealed class ComputePrecision
{
    /// <summary>The current precision; changing it needs no change to the parameters.</summary>
    public MatmulPrecision Precision { get; set; } = MatmulPrecision.Float32;

    /// <summary>The tensor type of matrix products.</summary>
    public ScalarType MatmulType => Precision == MatmulPrecision.BFloat16 ? ScalarType.BFloat16 : ScalarType.Float32;

    /// <summary><paramref name="x"/>·Wᵀ + b computed in <see cref="MatmulType"/>; the result stays in that type.</summary>
    public Tensor Linear(Linear layer, Tensor x) => Linear(x, layer.weight!, layer.bias);

    /// <inheritdoc cref="Linear(TorchSharp.Modules.Linear, Tensor)"/>
    public Tensor Linear(Tensor x, Tensor weight, Tensor? bias)
    {
        if (Precision == MatmulPrecision.Float32) return F.linear(x, weight, bias);
        using var scope = NewDisposeScope();
        var type = MatmulType;
        return F.linear(x.to(type), weight.to(type), bias?.to(type)).MoveToOuterDisposeScope();
    }
}
