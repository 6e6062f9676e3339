using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Regurgitate.Detection;

/// <summary>
/// Adam (Kingma &amp; Ba 2015, as PyTorch computes it) with tensor operands only. TorchSharp's <c>optim.Adam</c>
/// hands libtorch its numbers as Scalars that only the finalizer frees, so a garbage collection during the native
/// call can free one mid-step: the neural detector died that way ("toFloat: Expected false to be true" inside
/// Adam.step) when tests ran in parallel. Here every constant is a 0-dim tensor the optimizer holds.
/// </summary>
internal sealed class TensorOnlyAdam : IDisposable
{
    readonly Parameter[] parameters;
    readonly Tensor[] firstMoments, secondMoments;
    readonly Tensor oneMinusBeta1, oneMinusBeta2, learningRate, negativeEpsilon;
    readonly double beta1, beta2;
    long steps;

    public TensorOnlyAdam(IEnumerable<Parameter> parameters, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        this.parameters = parameters.ToArray();
        this.beta1 = beta1;
        this.beta2 = beta2;
        using (no_grad())
        {
            firstMoments = this.parameters.Select(p => zeros_like(p)).ToArray();
            secondMoments = this.parameters.Select(p => zeros_like(p)).ToArray();
        }
        oneMinusBeta1 = tensor((float)(1 - beta1));
        oneMinusBeta2 = tensor((float)(1 - beta2));
        this.learningRate = tensor((float)learningRate);
        negativeEpsilon = tensor((float)-epsilon);
    }

    /// <summary>Sets every gradient to zero.</summary>
    public void ZeroGrad()
    {
        using var scope = NewDisposeScope();
        foreach (var p in parameters) p.grad?.zero_();
    }

    /// <summary>One update from the current gradients.</summary>
    public void Step()
    {
        steps++;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var firstCorrection = tensor((float)(1 - Math.Pow(beta1, steps)));
        var secondCorrection = tensor((float)(1 - Math.Pow(beta2, steps)));
        for (int i = 0; i < parameters.Length; i++)
        {
            var gradient = parameters[i].grad;
            if (gradient is null) continue;
            // m ← β1·m + (1−β1)·g and v ← β2·v + (1−β2)·g², written as interpolations so no number crosses as a Scalar.
            firstMoments[i].lerp_(gradient, oneMinusBeta1);
            secondMoments[i].lerp_(gradient.mul(gradient), oneMinusBeta2);
            var denominator = secondMoments[i].div(secondCorrection).sqrt_().sub_(negativeEpsilon);
            parameters[i].sub_(firstMoments[i].div(firstCorrection).mul_(learningRate).div_(denominator));
        }
    }

    public void Dispose()
    {
        foreach (var t in firstMoments.Concat(secondMoments)) t.Dispose();
        foreach (var t in new[] { oneMinusBeta1, oneMinusBeta2, learningRate, negativeEpsilon }) t.Dispose();
    }
}
