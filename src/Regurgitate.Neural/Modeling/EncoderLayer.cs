using Regurgitate.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Regurgitate.Modeling;

/// <summary>One encoder layer: self-attention and feed-forward, each a residual branch, pre- or post-norm.</summary>
public sealed class EncoderLayer : nn.Module
{
    readonly MultiheadAttention selfAttention;
    readonly LayerNorm selfAttentionNorm;
    readonly FeedForward feedForward;
    readonly LayerNorm feedForwardNorm;
    readonly ResidualBlock residual;

    public EncoderLayer(string name, ModelConfig config, SeededDropout dropout, ComputePrecision precision) : base(name)
    {
        residual = new ResidualBlock(config, dropout);
        selfAttention = new MultiheadAttention("self_attn", config.ModelDim, config.Heads, config.AttentionDropout, true, dropout, precision);
        selfAttentionNorm = nn.LayerNorm(config.ModelDim);
        feedForward = new FeedForward("ffn", config.ModelDim, config.FeedForwardDim, config.ActivationDropout, dropout, precision);
        feedForwardNorm = nn.LayerNorm(config.ModelDim);
        RegisterComponents();
    }

    /// <summary>Transforms <paramref name="x"/> (batch, src, d); <paramref name="paddingMask"/> is additive (batch, 1, 1, src).</summary>
    public Tensor forward(Tensor x, Tensor paddingMask)
    {
        using var scope = NewDisposeScope();
        x = residual.forward(x, selfAttentionNorm, h => selfAttention.forward(h, null, paddingMask, causal: false, cache: null), training);
        x = residual.forward(x, feedForwardNorm, feedForward.forward, training);
        return x.MoveToOuterDisposeScope();
    }
}
