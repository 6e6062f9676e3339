using Regurgitate.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace Regurgitate.Tests.Modeling;

public class DecoderOnlyModelTests
{
    // The config.json of a checkpoint written before ModelConfig had an architecture (a study teacher of 2026-11).
    const string EncoderDecoderConfigWithoutArchitecture = """
        {
          "VocabularySize": 6000,
          "EncoderLayers": 2,
          "DecoderLayers": 2,
          "ModelDim": 64,
          "Heads": 4,
          "FeedForwardDim": 128,
          "Dropout": 0.1,
          "AttentionDropout": 0.1,
          "ActivationDropout": 0,
          "PreNorm": true,
          "Positions": "Sinusoidal",
          "MaxPositions": 256,
          "ScaleEmbeddings": true,
          "PadId": 0,
          "BosId": 1,
          "EosId": 2
        }
        """;

    [Fact]
    public void Config_written_before_the_architecture_field_loads_as_encoder_decoder()
    {
        var config = ModelConfig.FromJson(EncoderDecoderConfigWithoutArchitecture);
        Assert.Equal(ModelArchitecture.EncoderDecoder, config.Architecture);
        Assert.Equal(ModelConfig.Preset("tiny", 6000) with { ActivationDropout = 0 }, config);
        using var model = new TranslationModel(config, seed: 1, CPU);
        Assert.Contains(model.named_parameters(), p => p.name.StartsWith("encoderLayers.", StringComparison.Ordinal));
    }

    [Fact]
    public void Decoder_only_config_round_trips_through_json()
    {
        var config = ModelConfig.Preset("lm-small", 8000);
        Assert.Contains("\"Architecture\": \"DecoderOnly\"", config.ToJson());
        Assert.DoesNotContain("IsDecoderOnly", config.ToJson());
        Assert.Equal(config, ModelConfig.FromJson(config.ToJson()));
    }

    [Fact]
    public void Lm_presets_have_the_documented_shapes()
    {
        var small = ModelConfig.Preset("lm-small", 8000);
        Assert.Equal((ModelArchitecture.DecoderOnly, 0, 6, 256, 4, 1024, true, PositionEncoding.Learned),
            (small.Architecture, small.EncoderLayers, small.DecoderLayers, small.ModelDim, small.Heads, small.FeedForwardDim, small.PreNorm, small.Positions));
        using var model = new TranslationModel(small, seed: 1, CPU);
        // About cpu-small's 7.58 M parameters (tied embeddings: the vocabulary counts once).
        Assert.InRange(model.ParameterCount, 6_500_000, 7_600_000);
        Assert.DoesNotContain(model.named_parameters(), p => p.name.StartsWith("encoder", StringComparison.Ordinal));
        Assert.Equal(ModelArchitecture.DecoderOnly, ModelConfig.Preset("lm-tiny", 100).Architecture);
    }

    [Fact]
    public void Decoder_only_config_with_encoder_layers_is_an_input_error()
    {
        var error = Assert.Throws<InputException>(() => (ModelConfig.Preset("lm-tiny", 100) with { EncoderLayers = 2 }).Validated());
        Assert.Contains("encoder", error.Message);
    }

    [Fact]
    public void Same_seed_builds_the_same_decoder_only_weights()
    {
        var config = ModelConfig.Preset("lm-tiny", 50);
        using var a = new TranslationModel(config, seed: 3, CPU);
        using var b = new TranslationModel(config, seed: 3, CPU);
        using var c = new TranslationModel(config, seed: 4, CPU);
        foreach (var ((name, pa), (_, pb)) in a.named_parameters().Zip(b.named_parameters()))
            Assert.True(pa.data<float>().ToArray().AsSpan().SequenceEqual(pb.data<float>().ToArray()), $"parameter {name} differs");
        Assert.False(a.named_parameters().First(p => p.name.StartsWith("causalLayers.0.", StringComparison.Ordinal)).parameter.data<float>().ToArray()
            .AsSpan().SequenceEqual(c.named_parameters().First(p => p.name.StartsWith("causalLayers.0.", StringComparison.Ordinal)).parameter.data<float>().ToArray()));
    }

    [Fact]
    public void Output_projection_of_a_decoder_only_model_is_the_shared_embedding()
    {
        using var model = new TranslationModel(ModelConfig.Preset("lm-tiny", 50) with { Dropout = 0, AttentionDropout = 0 }, seed: 2, CPU);
        // One embedding matrix and no separate output layer: the only vocabulary-sized parameter.
        Assert.Single(model.named_parameters(), p => p.parameter.shape[0] == 50);
        model.eval();
        using var states = model.LanguageModelStates(tensor(new long[] { 5, 6, 1, 7 }, [1, 4]));
        using var logits = model.Logits(states);
        Assert.Equal(new long[] { 1, 4, 50 }, logits.shape);
        Assert.Equal(0f, logits[0, 0, 0].item<float>(), 5); // the pad row of the embedding is zero
    }
}
