using System.Text.Json;
using System.Text.Json.Serialization;

namespace Regurgitate.Modeling;

/// <summary>How positions enter the model.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PositionEncoding>))]
public enum PositionEncoding
{
    /// <summary>Fixed sine/cosine table (Vaswani et al. 2017, section 3.5).</summary>
    Sinusoidal,
    /// <summary>A learned embedding per position, up to <see cref="ModelConfig.MaxPositions"/>.</summary>
    Learned,
}

/// <summary>
/// Shape of a transformer over one joint vocabulary: encoder-decoder, or decoder-only (a causal language model
/// over prompt + completion). Stored as JSON beside the weights so a checkpoint can be rebuilt without knowing
/// how it was trained.
/// </summary>
/// <param name="VocabularySize">Joint source/target vocabulary size (special ids included).</param>
/// <param name="EncoderLayers">Encoder layers (0 for decoder-only models).</param>
/// <param name="DecoderLayers">Decoder layers (the blocks of a decoder-only model).</param>
/// <param name="ModelDim">d_model.</param>
/// <param name="Heads">Attention heads; must divide <paramref name="ModelDim"/>.</param>
/// <param name="FeedForwardDim">Inner size of the position-wise feed-forward block.</param>
/// <param name="Dropout">Dropout on embeddings and on every residual branch.</param>
/// <param name="AttentionDropout">Dropout on attention weights.</param>
/// <param name="ActivationDropout">Dropout after the feed-forward activation.</param>
/// <param name="PreNorm">Layer norm before each sublayer (plus a final norm) instead of after the residual.</param>
/// <param name="Positions">Sinusoidal or learned positions.</param>
/// <param name="MaxPositions">Longest sequence the model accepts (learned positions need a bound).</param>
/// <param name="ScaleEmbeddings">Multiply embeddings by sqrt(d_model) before adding positions.</param>
/// <param name="PadId">Padding id of the vocabulary.</param>
/// <param name="BosId">Decoder start id.</param>
/// <param name="EosId">End-of-sentence id.</param>
/// <param name="Architecture">Encoder-decoder (the default, so configs written before the field existed load as such) or decoder-only.</param>
public sealed record ModelConfig(
    int VocabularySize,
    int EncoderLayers = 6,
    int DecoderLayers = 6,
    int ModelDim = 512,
    int Heads = 8,
    int FeedForwardDim = 2048,
    double Dropout = 0.1,
    double AttentionDropout = 0.0,
    double ActivationDropout = 0.0,
    bool PreNorm = false,
    PositionEncoding Positions = PositionEncoding.Sinusoidal,
    int MaxPositions = 1024,
    bool ScaleEmbeddings = true,
    int PadId = 0,
    int BosId = 1,
    int EosId = 2,
    ModelArchitecture Architecture = ModelArchitecture.EncoderDecoder)
{
    /// <summary>Names accepted by <see cref="Preset"/>.</summary>
    public static IReadOnlyList<string> PresetNames => ModelPresets.Names;

    /// <summary>
    /// A named architecture: <c>cpu-small</c> (3+3 layers, 256, 4 heads, FFN 1024, pre-norm: trains on
    /// Multi30k on a few CPU cores), <c>transformer-base</c> (6+6, 512, 8, 2048, post-norm as in the paper),
    /// <c>tiny</c> (2+2, 64, 4, 128: tests); decoder-only: <c>lm-small</c> (6 layers, 256, 4 heads, FFN 1024,
    /// pre-norm, learned positions up to 256: about cpu-small's parameters and cost per token) and <c>lm-tiny</c>
    /// (2 layers, 64, 4, 128: tests).
    /// </summary>
    public static ModelConfig Preset(string name, int vocabularySize) => name switch
    {
        ModelPresets.CpuSmall => new ModelConfig(vocabularySize, 3, 3, 256, 4, 1024, Dropout: 0.1, AttentionDropout: 0.1, ActivationDropout: 0.1, PreNorm: true),
        ModelPresets.TransformerBase => new ModelConfig(vocabularySize, 6, 6, 512, 8, 2048, Dropout: 0.1),
        ModelPresets.Tiny => new ModelConfig(vocabularySize, 2, 2, 64, 4, 128, Dropout: 0.1, AttentionDropout: 0.1, PreNorm: true, MaxPositions: 256),
        // GPT-style: pre-norm with a final norm, learned positions. A prompt and its completion share the
        // positions, so the bound covers source + target (Multi30k and Tatoeba pairs stay far below 256 pieces).
        ModelPresets.LmSmall => new ModelConfig(vocabularySize, 0, 6, 256, 4, 1024, Dropout: 0.1, AttentionDropout: 0.1, ActivationDropout: 0.1, PreNorm: true,
            Positions: PositionEncoding.Learned, MaxPositions: 256, Architecture: ModelArchitecture.DecoderOnly),
        ModelPresets.LmTiny => new ModelConfig(vocabularySize, 0, 2, 64, 4, 128, Dropout: 0.1, AttentionDropout: 0.1, PreNorm: true,
            Positions: PositionEncoding.Learned, MaxPositions: 256, Architecture: ModelArchitecture.DecoderOnly),
        _ => throw new InputException($"unknown model preset '{name}'", hint: "use one of " + string.Join(", ", PresetNames)),
    };

    /// <summary>Checks the numbers fit together; throws <see cref="InputException"/> if not.</summary>
    public ModelConfig Validated()
    {
        if (VocabularySize < 4) throw new InputException($"vocabulary size {VocabularySize} is too small");
        if (ModelDim <= 0 || Heads <= 0 || ModelDim % Heads != 0)
            throw new InputException($"d_model {ModelDim} must be a positive multiple of heads {Heads}");
        if (!Enum.IsDefined(Architecture)) throw new InputException($"unknown architecture {Architecture}", hint: "EncoderDecoder or DecoderOnly");
        if (IsDecoderOnly)
        {
            if (DecoderLayers < 1) throw new InputException("a decoder-only model needs at least one layer");
            if (EncoderLayers != 0) throw new InputException($"a decoder-only model has no encoder, but the config asks for {EncoderLayers} encoder layers", hint: "set EncoderLayers to 0");
            if (MaxPositions < 4) throw new InputException($"a decoder-only model needs room for prompt and completion; {MaxPositions} positions are too few");
        }
        else if (EncoderLayers < 1 || DecoderLayers < 1) throw new InputException("encoder and decoder need at least one layer");
        if (Dropout is < 0 or >= 1 || AttentionDropout is < 0 or >= 1 || ActivationDropout is < 0 or >= 1)
            throw new InputException("dropout probabilities must lie in [0, 1)");
        return this;
    }

    /// <summary>Whether this is a decoder-only (GPT-style) language model.</summary>
    [JsonIgnore]
    public bool IsDecoderOnly => Architecture == ModelArchitecture.DecoderOnly;

    /// <summary>
    /// Source tokens a decoder-only model keeps as its prompt: at most half its positions, so that the completion
    /// always has the other half. (An encoder-decoder model reads up to <see cref="MaxPositions"/> - 1.)
    /// </summary>
    public int PromptLength(int sourceLength) => IsDecoderOnly ? Math.Min(sourceLength, MaxPositions / 2) : Math.Min(sourceLength, MaxPositions - 1);

    /// <summary>
    /// The position bound the output of a source of <paramref name="sourceLength"/> tokens must respect, in the
    /// sense of <c>DecodingOptions.MaxOutputLength</c>: all positions for an encoder-decoder model; for a
    /// decoder-only model those left after the prompt (the separator and the output share them).
    /// </summary>
    public int OutputPositions(int sourceLength) => IsDecoderOnly ? MaxPositions - PromptLength(sourceLength) + 1 : MaxPositions;

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The config as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a config written by <see cref="ToJson"/>.</summary>
    public static ModelConfig FromJson(string json, string? file = null) =>
        (JsonSerializer.Deserialize<ModelConfig>(json, Json) ?? throw new InputException("empty model config", file)).Validated();
}
