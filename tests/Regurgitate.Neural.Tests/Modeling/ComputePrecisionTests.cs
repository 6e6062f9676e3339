using Regurgitate.Modeling;
using static TorchSharp.torch;

namespace Regurgitate.Tests.Modeling;

public class ComputePrecisionTests
{
    static readonly ModelConfig NoDropout = new(40, 2, 2, 32, 4, 64, Dropout: 0, PreNorm: true, MaxPositions: 64);

    static (Tensor Source, Tensor Target) Batch() => (
        tensor(new long[] { 5, 6, 7, 8, 2, 9, 10, 2, 0, 0 }, [2, 5]),
        tensor(new long[] { 1, 11, 12, 13, 1, 14, 0, 0 }, [2, 4]));

    [Fact]
    public void Mixed_precision_logits_stay_close_to_float32()
    {
        using var model = new TranslationModel(NoDropout, seed: 4, CPU);
        model.eval();
        var (source, target) = Batch();
        using var exact = model.forward(source, target);
        model.Precision.Precision = MatmulPrecision.BFloat16;
        using var mixed = model.forward(source, target);
        Assert.Equal(ScalarType.BFloat16, mixed.dtype);
        using var difference = (mixed.to(ScalarType.Float32) - exact).abs().max();
        // bfloat16 keeps 8 significant bits: errors of a few hundredths on logits of order one, not more.
        Assert.InRange(difference.item<float>(), 1e-6f, 0.1f);
        Assert.True(exact.abs().max().item<float>() > 0.5f);
    }

    [Fact]
    public void Training_attention_path_equals_the_fused_inference_kernel()
    {
        // Training takes the explicit attention path (its backward is faster and it can drop weights);
        // inference takes libtorch's fused kernel. Without dropout both must compute the same function.
        using var model = new TranslationModel(NoDropout, seed: 5, CPU);
        var (source, target) = Batch();
        model.train();
        using var explicitPath = model.forward(source, target);
        model.eval();
        using var fused = model.forward(source, target);
        Assert.True(explicitPath.requires_grad);
        Assert.True(explicitPath.allclose(fused, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void Mixed_precision_training_reduces_the_loss_and_keeps_float32_parameters()
    {
        using var model = new TranslationModel(NoDropout, seed: 6, CPU);
        model.Precision.Precision = MatmulPrecision.BFloat16;
        model.train();
        var (source, target) = Batch();
        using var output = tensor(new long[] { 11, 12, 13, 2, 14, 2, 0, 0 }, [2, 4]);
        using var optimizer = optim.Adam(model.parameters(), 3e-3);
        var criterion = new Regurgitate.Training.LabelSmoothedCrossEntropy(0.0, 0);
        float first = 0, last = 0;
        for (int step = 0; step < 30; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var (loss, _) = criterion.Compute(model.forward(source, target), output);
            loss.backward();
            optimizer.step();
            if (step == 0) first = loss.item<float>();
            last = loss.item<float>();
        }
        Assert.True(last < first / 4, $"loss {first} -> {last}");
        Assert.All(model.parameters(), p => Assert.Equal(ScalarType.Float32, p.dtype));
    }
}
