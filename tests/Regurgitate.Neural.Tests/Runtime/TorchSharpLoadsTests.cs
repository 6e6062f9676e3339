using TorchSharp;
using static TorchSharp.torch;

namespace Regurgitate.Tests.Runtime;

public class TorchSharpLoadsTests
{
    [Fact]
    public void Tiny_forward_and_backward_pass_computes_gradients()
    {
        torch.manual_seed(1);
        var layer = nn.Linear(3, 1);
        using var x = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 });
        using var loss = layer.forward(x).pow(2).sum();
        loss.backward();
        var grad = layer.weight!.grad!;
        // d/dw sum((xw+b)^2) = 2 * x^T (xw+b): nonzero for these inputs.
        Assert.Equal(new long[] { 1, 3 }, grad.shape);
        Assert.True(grad.abs().sum().item<float>() > 0);
    }
}
