using Regurgitate.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Regurgitate.Modeling;

/// <summary>One decoder layer: causal self-attention, cross-attention to the encoder, feed-forward; pre- or post-norm.</summary>
public sealed class DecoderLayer : nn.Module
{
    readonly MultiheadAttention selfAttention;
    readonly LayerNorm selfAttentionNorm;
    readonly MultiheadAttention crossAttention;
    readonly LayerNorm crossAttentionNorm;
    readonly FeedForward feedForward;
    readonly LayerNorm feedForwardNorm;
    readonly ModelConfig config;
    readonly SeededDropout dropout;

    public DecoderLayer(string name, ModelConfig config, SeededDropout dropout, ComputePrecision precision) : base(name)
    {
        this.config = config;
        this.dropout = dropout;
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
    public Tensor Forward(Tensor x, Tensor? memory, Tensor sourceMask, AttentionCache? selfCache, AttentionCache? crossCache)
    {
        using var scope = NewDisposeScope();
        var h = config.PreNorm ? selfAttentionNorm.forward(x) : x;
        h = selfAttention.Forward(h, null, null, causal: true, cache: selfCache);
        x = x.Plus(dropout.Apply(h, config.Dropout, training));
        if (!config.PreNorm) x = selfAttentionNorm.forward(x);

        h = config.PreNorm ? crossAttentionNorm.forward(x) : x;
        h = crossAttention.Forward(h, memory, sourceMask, causal: false, cache: crossCache);
        x = x.Plus(dropout.Apply(h, config.Dropout, training));
        if (!config.PreNorm) x = crossAttentionNorm.forward(x);

        h = config.PreNorm ? feedForwardNorm.forward(x) : x;
        h = feedForward.forward(h);
        x = x.Plus(dropout.Apply(h, config.Dropout, training));
        if (!config.PreNorm) x = feedForwardNorm.forward(x);
        return x.MoveToOuterDisposeScope();
    }
}
