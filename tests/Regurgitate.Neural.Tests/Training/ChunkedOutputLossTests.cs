using Regurgitate.Modeling;
using Regurgitate.Training;
using static TorchSharp.torch;

namespace Regurgitate.Tests.Training;

public class ChunkedOutputLossTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    public void Chunked_loss_and_gradients_equal_the_whole_batch_computation(int chunkRows)
    {
        var config = new ModelConfig(40, 2, 2, 32, 4, 64, Dropout: 0, PreNorm: true, MaxPositions: 64);
        using var source = tensor(new long[] { 5, 6, 7, 8, 2, 9, 10, 2, 0, 0 }, [2, 5]);
        using var input = tensor(new long[] { 1, 11, 12, 13, 1, 14, 0, 0 }, [2, 4]);
        using var output = tensor(new long[] { 11, 12, 13, 2, 14, 2, 0, 0 }, [2, 4]);
        var criterion = new LabelSmoothedCrossEntropy(0.1, config.PadId);

        using var whole = new TranslationModel(config, seed: 9, CPU);
        var (wholeLoss, wholeNll) = criterion.Compute(whole.forward(source, input), output);
        wholeLoss.backward();

        using var chunked = new TranslationModel(config, seed: 9, CPU);
        using var states = chunked.ForwardStates(source, input);
        var (loss, nll) = new ChunkedOutputLoss(criterion, chunkRows).Backward(chunked, states, output);

        Assert.Equal(wholeLoss.item<float>(), loss, 3);
        Assert.Equal(wholeNll.item<float>(), nll, 3);
        var expected = whole.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!);
        foreach (var (name, parameter) in chunked.named_parameters())
            Assert.True(parameter.grad!.allclose(expected[name], rtol: 1e-4, atol: 1e-6), $"gradient of {name} differs");
        // The gradients are not trivially zero: the comparison above means something.
        Assert.True(expected["embedding.weight"].abs().sum().item<float>() > 0);
        Assert.True(expected["encoderLayers.0.feedForward.inner.weight"].abs().sum().item<float>() > 0);
    }
}
