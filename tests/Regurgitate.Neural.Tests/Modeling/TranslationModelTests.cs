using Regurgitate.Decoding;
using Regurgitate.Modeling;
using static TorchSharp.torch;

namespace Regurgitate.Tests.Modeling;

public class TranslationModelTests
{
    static readonly int[][] Sources = [[5, 6, 7, 8], [9, 10], [11, 12, 13, 14, 15, 16], [7]];

    [Theory]
    [InlineData(true, PositionEncoding.Sinusoidal)]
    [InlineData(false, PositionEncoding.Sinusoidal)]
    [InlineData(false, PositionEncoding.Learned)]
    public void Incremental_decoding_matches_full_prefix_for_each_variant(bool preNorm, PositionEncoding positions)
    {
        var config = new ModelConfig(30, 2, 2, 32, 4, 64, PreNorm: preNorm, Positions: positions, MaxPositions: 64);
        using var model = new TranslationModel(config, seed: 3, CPU);
        model.eval();
        var options = new DecodingOptions { BeamSize = 3, NBest = 3, MaxLengthA = 0, MaxLengthB = 8 };
        var cached = new BeamSearch(model, options).Search(Sources);
        var full = new BeamSearch(model, options with { UseCache = false }).Search(Sources);
        for (int s = 0; s < Sources.Length; s++)
            for (int h = 0; h < 3; h++)
            {
                Assert.Equal(full[s][h].Tokens, cached[s][h].Tokens);
                Assert.Equal(full[s][h].LogProbability, cached[s][h].LogProbability, 1e-4);
            }
    }

    [Fact]
    public void Output_projection_is_the_shared_embedding()
    {
        using var model = new TranslationModel(ModelConfig.Preset("tiny", 50), seed: 1, CPU);
        // One vocabulary-sized matrix in the whole model: embedding = output projection.
        var vocabularyMatrices = model.named_parameters().Where(p => p.parameter.shape[0] == 50).Select(p => p.name).ToList();
        Assert.Equal(["embedding.weight"], vocabularyMatrices);
        // Padding logits come from the zero pad row: a zero row gives logit 0 for every input.
        model.eval();
        using var logits = model.forward(tensor(new long[] { 5, 6, 2 }, [1, 3]), tensor(new long[] { 1, 7 }, [1, 2]));
        Assert.Equal(new long[] { 1, 2, 50 }, logits.shape);
        Assert.Equal(0f, logits[0, 0, 0].item<float>(), 5);
    }

    [Fact]
    public void Config_round_trips_through_json()
    {
        var config = ModelConfig.Preset("cpu-small", 8000) with { Positions = PositionEncoding.Learned };
        Assert.Equal(config, ModelConfig.FromJson(config.ToJson()));
        Assert.Contains("\"Learned\"", config.ToJson());
    }

    [Fact]
    public void Presets_have_the_documented_shapes()
    {
        var small = ModelConfig.Preset("cpu-small", 8000);
        Assert.Equal((3, 3, 256, 4, 1024, true), (small.EncoderLayers, small.DecoderLayers, small.ModelDim, small.Heads, small.FeedForwardDim, small.PreNorm));
        var @base = ModelConfig.Preset("transformer-base", 8000);
        Assert.Equal((6, 6, 512, 8, 2048, false), (@base.EncoderLayers, @base.DecoderLayers, @base.ModelDim, @base.Heads, @base.FeedForwardDim, @base.PreNorm));
        Assert.Throws<Regurgitate.InputException>(() => ModelConfig.Preset("huge", 10));
    }
}
