using Regurgitate.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Regurgitate.Modeling;

/// <summary>One decoder layer: causal self-attention, cross-attention to the encoder, feed-forward; pre- or post-norm.</summary>
public sealed class DecoderLayer : nn.Module
{
    // The fields repeat EncoderLayer's on purpose: their declaration order is the order TorchSharp registers
    // parameters in, which fixes checkpoint and optimizer-state layout. The shared residual step is ResidualBlock.
    readonly MultiheadAttention selfAttention;
    readonly LayerNorm selfAttentionNorm;
    readonly MultiheadAttention crossAttention;
    readonly LayerNorm crossAttentionNorm;
    readonly FeedForward feedForward;
    readonly LayerNorm feedForwardNorm;
    readonly ResidualBlock residual;

    public DecoderLayer(string name, ModelConfig config, SeededDropout dropout, ComputePrecision precision) : base(name)
    {
        residual = new ResidualBlock(config, dropout);
        selfAttention = new MultiheadAttention("self_attn", config.ModelDim, config.Heads, config.AttentionDropout, true, dropout, precision);
        selfAttentionNorm = nn.LayerNorm(config.ModelDim);
        crossAttention = new MultiheadAttention("cross_attn", config.ModelDim, config.Heads, config.AttentionDropout, false, dropout, precision);
        crossAttentionNorm = nn.LayerNorm(config.ModelDim);
        feedForward = new FeedForward("ffn", config.ModelDim, config.FeedForwardDim, config.ActivationDropout, dropout, precision);
        feedForwardNorm = nn.LayerNorm(config.ModelDim);
        RegisterComponents();
    }

    /// <summary>
    /// Transforms target states <paramref name="x"/> (batch, tgt, d) given the encoder output.
    /// With caches, <paramref name="x"/> holds only the new positions.
    /// </summary>
    public Tensor forward(Tensor x, Tensor? memory, Tensor sourceMask, AttentionCache? selfCache, AttentionCache? crossCache)
    {
        using var scope = NewDisposeScope();
        x = residual.forward(x, selfAttentionNorm, h => selfAttention.forward(h, null, null, causal: true, cache: selfCache), training);
        x = residual.forward(x, crossAttentionNorm, h => crossAttention.forward(h, memory, sourceMask, causal: false, cache: crossCache), training);
        x = residual.forward(x, feedForwardNorm, feedForward.forward, training);
        return x.MoveToOuterDisposeScope();
    }
}
