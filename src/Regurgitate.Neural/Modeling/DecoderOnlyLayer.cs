using Regurgitate.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Regurgitate.Modeling;

/// <summary>
/// One block of a decoder-only (GPT-style) model: causal self-attention and feed-forward, each a residual
/// branch. An encoder layer's parts, but causal and with a key/value cache for incremental decoding.
/// </summary>
public sealed class DecoderOnlyLayer : nn.Module
{
    // Declaration order fixes parameter registration order (checkpoint and optimizer-state layout).
    readonly MultiheadAttention selfAttention;
    readonly LayerNorm selfAttentionNorm;
    readonly FeedForward feedForward;
    readonly LayerNorm feedForwardNorm;
    readonly ResidualBlock residual;

    public DecoderOnlyLayer(string name, ModelConfig config, SeededDropout dropout, ComputePrecision precision) : base(name)
    {
        residual = new ResidualBlock(config, dropout);
        selfAttention = new MultiheadAttention("self_attn", config.ModelDim, config.Heads, config.AttentionDropout, true, dropout, precision);
        selfAttentionNorm = nn.LayerNorm(config.ModelDim);
        feedForward = new FeedForward("ffn", config.ModelDim, config.FeedForwardDim, config.ActivationDropout, dropout, precision);
        feedForwardNorm = nn.LayerNorm(config.ModelDim);
        RegisterComponents();
    }

    /// <summary>
    /// Transforms <paramref name="x"/> (batch, t, d). Without <paramref name="mask"/> attention is plainly causal
    /// (training on right-padded rows, where no real position sees a later pad); with one, the additive
    /// <paramref name="mask"/> (batch, 1, t, keys) alone decides (left-padded prompts, cached decoding).
    /// </summary>
    public Tensor forward(Tensor x, Tensor? mask, AttentionCache? cache)
    {
        using var scope = NewDisposeScope();
        x = residual.forward(x, selfAttentionNorm, h => selfAttention.forward(h, null, mask, causal: mask is null, cache: cache), training);
        x = residual.forward(x, feedForwardNorm, feedForward.forward, training);
        return x.MoveToOuterDisposeScope();
    }
}
