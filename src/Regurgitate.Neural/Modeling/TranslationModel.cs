using Regurgitate.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Regurgitate.Modeling;

/// <summary>
/// Encoder-decoder transformer (Vaswani et al. 2017) over a joint vocabulary: one embedding matrix
/// serves as source embedding, target embedding and output projection (Press &amp; Wolf 2017).
/// Batch-first; supports incremental decoding through <see cref="DecoderCache"/>.
/// </summary>
/// <remarks>
/// With <see cref="ModelArchitecture.DecoderOnly"/> it is instead a GPT-style causal language model over one
/// sequence (prompt, separator, completion) with the same tied embedding, built from <see cref="DecoderOnlyLayer"/>s:
/// training goes through <see cref="ForwardStates"/> with the whole sequence as decoder input, decoding through
/// <see cref="LanguageModelStates"/>.
/// </remarks>
public sealed class TranslationModel : nn.Module
{
    readonly Embedding embedding;
    readonly Embedding? encoderPositions;
    readonly Embedding? decoderPositions;
    readonly ModuleList<EncoderLayer>? encoderLayers;
    readonly ModuleList<DecoderLayer>? decoderLayers;
    // Declared after the encoder-decoder fields: null there, so their parameter order (checkpoint layout) is unchanged.
    readonly ModuleList<DecoderOnlyLayer>? causalLayers;
    readonly LayerNorm? encoderFinalNorm;
    readonly LayerNorm? decoderFinalNorm;
    readonly double embeddingScale;

    /// <summary>The architecture.</summary>
    public ModelConfig Config { get; }
    /// <summary>The device the parameters live on.</summary>
    public Device Device { get; }
    /// <summary>Dropout mask generator; its state belongs in checkpoints.</summary>
    public SeededDropout Dropout { get; }
    /// <summary>The type matrix products run in; float32 unless set to mixed precision.</summary>
    public ComputePrecision Precision { get; } = new();

    /// <summary>
    /// Builds the model with weights initialized from <paramref name="seed"/> (libtorch's global
    /// generator is seeded for initialization) and moves it to <paramref name="device"/>.
    /// </summary>
    public TranslationModel(ModelConfig config, long seed, Device device) : base("transformer")
    {
        // Initialization draws from libtorch's process-wide generator; hold it for the whole
        // construction so that two models built at once (tests, a server) each get their seed's weights.
        lock (GlobalGeneratorLock)
        {
            Config = config.Validated();
            Device = device;
            torch.manual_seed(seed);
            Dropout = new SeededDropout(seed + 1);
            embedding = nn.Embedding(config.VocabularySize, config.ModelDim, padding_idx: config.PadId);
            bool decoderOnly = config.IsDecoderOnly;
            if (config.Positions == PositionEncoding.Learned)
            {
                if (!decoderOnly) encoderPositions = nn.Embedding(config.MaxPositions, config.ModelDim);
                decoderPositions = nn.Embedding(config.MaxPositions, config.ModelDim);
            }
            if (decoderOnly)
            {
                causalLayers = nn.ModuleList(Enumerable.Range(0, config.DecoderLayers).Select(i => new DecoderOnlyLayer($"block{i}", config, Dropout, Precision)).ToArray());
            }
            else
            {
                encoderLayers = nn.ModuleList(Enumerable.Range(0, config.EncoderLayers).Select(i => new EncoderLayer($"encoder{i}", config, Dropout, Precision)).ToArray());
                decoderLayers = nn.ModuleList(Enumerable.Range(0, config.DecoderLayers).Select(i => new DecoderLayer($"decoder{i}", config, Dropout, Precision)).ToArray());
            }
            if (config.PreNorm)
            {
                if (!decoderOnly) encoderFinalNorm = nn.LayerNorm(config.ModelDim);
                decoderFinalNorm = nn.LayerNorm(config.ModelDim);
            }
            embeddingScale = config.ScaleEmbeddings ? Math.Sqrt(config.ModelDim) : 1.0;
            RegisterComponents();

            using (no_grad())
            {
                // fairseq's choice: N(0, d^-1/2) so that scaled embeddings have unit variance; pad row zero.
                nn.init.normal_(embedding.weight!, 0, Math.Pow(config.ModelDim, -0.5));
                embedding.weight![config.PadId].zero_();
                if (encoderPositions != null) nn.init.normal_(encoderPositions.weight!, 0, Math.Pow(config.ModelDim, -0.5));
                if (decoderPositions != null) nn.init.normal_(decoderPositions.weight!, 0, Math.Pow(config.ModelDim, -0.5));
            }
        }
        if (device.type != DeviceType.CPU) this.to(device);
    }

    static readonly object GlobalGeneratorLock = new();

    /// <summary>Number of trainable scalars.</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>Embeddings of <paramref name="tokens"/> (batch, t) at per-row <paramref name="positions"/> (batch, t), with dropout.</summary>
    Tensor Embed(Tensor tokens, Tensor positions, Embedding? learned)
    {
        using var scope = NewDisposeScope();
        var x = embedding.forward(tokens).Times(embeddingScale);
        if (learned != null)
        {
            if (positions.numel() > 0 && positions.max().item<long>() >= Config.MaxPositions)
                throw new InvalidOperationException($"position {positions.max().item<long>()} exceeds the model's {Config.MaxPositions}");
            x = x.Plus(learned.forward(positions));
        }
        else
        {
            using var table = SinusoidalPositions.Encode(0, Config.MaxPositions, Config.ModelDim, tokens.device);
            x = x.Plus(table.index_select(0, positions.reshape(-1)).view(positions.shape[0], positions.shape[1], Config.ModelDim));
        }
        return Dropout.Apply(x, Config.Dropout, training).MoveToOuterDisposeScope();
    }

    Tensor Embed(Tensor tokens, long start, Embedding? learned)
    {
        using var scope = NewDisposeScope();
        long length = tokens.shape[1];
        var x = embedding.forward(tokens).Times(embeddingScale);
        if (learned != null)
        {
            if (start + length > Config.MaxPositions)
                throw new InvalidOperationException($"sequence of {start + length} positions exceeds the model's {Config.MaxPositions}");
            x = x.Plus(learned.forward(KeptScalars.Range(start, start + length, 1, ScalarType.Int64, tokens.device)).unsqueeze(0));
        }
        else
        {
            x = x.Plus(SinusoidalPositions.Encode(start, length, Config.ModelDim, tokens.device).unsqueeze(0));
        }
        return Dropout.Apply(x, Config.Dropout, training).MoveToOuterDisposeScope();
    }

    /// <summary>Additive key mask (batch, 1, 1, src): 0 for tokens, -inf for padding.</summary>
    public Tensor SourceMask(Tensor source)
    {
        RequireEncoder();
        using var scope = NewDisposeScope();
        var pad = source.EqualTo(Config.PadId).view(source.shape[0], 1, 1, source.shape[1]);
        return zeros(pad.shape, dtype: ScalarType.Float32, device: source.device).MaskedFillInPlace(pad, double.NegativeInfinity).MoveToOuterDisposeScope();
    }

    /// <summary>Encodes <paramref name="source"/> (batch, src) of ids into (batch, src, d).</summary>
    public Tensor Encode(Tensor source, Tensor sourceMask)
    {
        RequireEncoder();
        using var scope = NewDisposeScope();
        var x = Embed(source, 0, encoderPositions);
        foreach (var layer in encoderLayers!) x = layer.forward(x, sourceMask);
        if (encoderFinalNorm != null) x = encoderFinalNorm.forward(x);
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Next-token logits (batch, tgt, vocab; in the matmul type of <see cref="Precision"/>) for decoder inputs <paramref name="target"/> (batch, tgt).
    /// Without a cache the whole prefix is processed causally; with one, <paramref name="target"/>
    /// holds only the new positions and the cache grows by them.
    /// </summary>
    public Tensor Decode(Tensor target, Tensor? memory, Tensor sourceMask, DecoderCache? cache = null)
    {
        using var states = DecoderStates(target, memory, sourceMask, cache);
        return Logits(states);
    }

    /// <summary>The decoder's output states (batch, tgt, d), final norm included: what <see cref="Logits"/> projects.</summary>
    public Tensor DecoderStates(Tensor target, Tensor? memory, Tensor sourceMask, DecoderCache? cache = null)
    {
        RequireEncoder();
        using var scope = NewDisposeScope();
        long start = cache?.Length ?? 0;
        var x = Embed(target, start, decoderPositions);
        for (int i = 0; i < decoderLayers!.Count; i++)
            x = decoderLayers[i].forward(x, memory, sourceMask, cache?.Self(i), cache?.Cross(i));
        if (decoderFinalNorm != null) x = decoderFinalNorm.forward(x);
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Output states (batch, t, d), final norm included, of a decoder-only model over <paramref name="tokens"/> (batch, t).
    /// Without <paramref name="mask"/>: positions 0..t-1 after what <paramref name="cache"/> holds, plain causal attention
    /// (right-padded training rows). With one (left-padded prompts): the additive <paramref name="mask"/> (batch, 1, t, keys)
    /// alone decides what each position sees, and <paramref name="positions"/> (batch, t) gives each token's position.
    /// </summary>
    public Tensor LanguageModelStates(Tensor tokens, Tensor? positions = null, Tensor? mask = null, DecoderCache? cache = null)
    {
        if (causalLayers is null) throw new InvalidOperationException("not a decoder-only model");
        using var scope = NewDisposeScope();
        long start = cache?.Length ?? 0;
        positions ??= KeptScalars.Range(start, start + tokens.shape[1], 1, ScalarType.Int64, tokens.device).unsqueeze(0).expand(tokens.shape[0], -1);
        var x = Embed(tokens, positions, decoderPositions);
        for (int i = 0; i < causalLayers.Count; i++) x = causalLayers[i].forward(x, mask, cache?.Self(i));
        if (decoderFinalNorm != null) x = decoderFinalNorm.forward(x);
        return x.MoveToOuterDisposeScope();
    }

    void RequireEncoder()
    {
        if (encoderLayers is null) throw new InvalidOperationException("a decoder-only model has no encoder; use LanguageModelStates");
    }

    /// <summary>Logits (..., vocab) of decoder states (..., d): the shared embedding is the output projection.</summary>
    public Tensor Logits(Tensor states) => Precision.Linear(states, embedding.weight!, null);

    /// <summary>
    /// Teacher-forced logits (batch, tgt, vocab) for a batch of source and decoder-input ids. A decoder-only model
    /// ignores <paramref name="source"/>: its decoder input is the whole sequence (see <c>TrainingBatch</c>).
    /// </summary>
    public Tensor forward(Tensor source, Tensor targetInput)
    {
        using var states = ForwardStates(source, targetInput);
        return Logits(states);
    }

    /// <summary>Teacher-forced decoder states (batch, tgt, d) for a batch of source and decoder-input ids (decoder-only: see <see cref="forward"/>).</summary>
    public Tensor ForwardStates(Tensor source, Tensor targetInput)
    {
        if (Config.IsDecoderOnly) return LanguageModelStates(targetInput);
        using var scope = NewDisposeScope();
        var mask = SourceMask(source);
        var memory = Encode(source, mask);
        return DecoderStates(targetInput, memory, mask).MoveToOuterDisposeScope();
    }
}
