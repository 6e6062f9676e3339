using Regurgitate.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Regurgitate.Modeling;

/// <summary>
/// Batch-first multi-head attention (Vaswani et al. 2017, section 3.2). Self-attention projects
/// queries, keys and values with one fused matrix; cross-attention projects the query from the
/// decoder and keys/values (fused) from the encoder output. With a cache, self-attention appends
/// the new position's keys/values and cross-attention projects the encoder output only once.
/// </summary>
public sealed class MultiheadAttention : nn.Module
{
    readonly Linear queryProjection;      // self: d -> 3d (q, k, v); cross: d -> d (q)
    readonly Linear? keyValueProjection;  // cross only: d -> 2d (k, v)
    readonly Linear outputProjection;
    readonly int heads;
    readonly long headDim;
    readonly double attentionDropout;
    readonly SeededDropout dropout;
    readonly ComputePrecision precision;

    /// <summary>Whether this block attends to its own input (true) or to the encoder output (false).</summary>
    public bool IsSelfAttention { get; }

    public MultiheadAttention(string name, int modelDim, int heads, double attentionDropout, bool selfAttention, SeededDropout dropout,
        ComputePrecision precision)
        : base(name)
    {
        this.precision = precision;
        this.heads = heads;
        headDim = modelDim / heads;
        this.attentionDropout = attentionDropout;
        this.dropout = dropout;
        IsSelfAttention = selfAttention;
        queryProjection = nn.Linear(modelDim, selfAttention ? 3 * modelDim : modelDim);
        keyValueProjection = selfAttention ? null : nn.Linear(modelDim, 2 * modelDim);
        outputProjection = nn.Linear(modelDim, modelDim);
        RegisterComponents();
        // Xavier-uniform per projection block, as fairseq does for separate q/k/v matrices.
        InitializeBlocks(queryProjection.weight!, selfAttention ? 3 : 1);
        if (keyValueProjection != null) InitializeBlocks(keyValueProjection.weight!, 2);
        nn.init.xavier_uniform_(outputProjection.weight!);
        using (no_grad())
        {
            queryProjection.bias!.zero_();
            keyValueProjection?.bias!.zero_();
            outputProjection.bias!.zero_();
        }
    }

    static void InitializeBlocks(Tensor weight, int blocks)
    {
        using var _ = no_grad();
        foreach (var block in weight.chunk(blocks, 0))
        {
            nn.init.xavier_uniform_(block);
            block.Dispose();
        }
    }

    /// <summary>
    /// Attends <paramref name="x"/> (batch, tq, d) to itself (self-attention) or to
    /// <paramref name="memory"/> (batch, tk, d). <paramref name="mask"/> is additive and broadcasts to
    /// (batch, heads, tq, tk); <paramref name="causal"/> hides later positions (self-attention without cache).
    /// </summary>
    public Tensor forward(Tensor x, Tensor? memory, Tensor? mask, bool causal, AttentionCache? cache)
    {
        long batch = x.shape[0], length = x.shape[1];
        Tensor q, k, v;
        if (IsSelfAttention)
        {
            using var qkv = precision.Linear(queryProjection, x).view(batch, length, 3, heads, headDim).permute(2, 0, 3, 1, 4);
            q = qkv[0];
            k = qkv[1];
            v = qkv[2];
            if (cache != null)
            {
                if (cache.Length > 0)
                {
                    var allKeys = cat([cache.Keys!, k], 2);
                    var allValues = cat([cache.Values!, v], 2);
                    k.Dispose();
                    v.Dispose();
                    k = allKeys;
                    v = allValues;
                }
                cache.Set(k, v);
                causal = causal && length > 1;
            }
        }
        else
        {
            q = precision.Linear(queryProjection, x).view(batch, length, heads, headDim).transpose(1, 2);
            if (cache is not null && cache.Keys is not null)
            {
                k = cache.Keys;
                v = cache.Values!;
            }
            else
            {
                if (memory is null) throw new ArgumentException("cross-attention needs the encoder output", nameof(memory));
                long memoryLength = memory.shape[1];
                using var kv = precision.Linear(keyValueProjection!, memory).view(batch, memoryLength, 2, heads, headDim).permute(2, 0, 3, 1, 4);
                k = kv[0];
                v = kv[1];
                cache?.Set(k, v);
            }
        }

        using var attended = Attend(q, k, v, mask, causal);
        q.Dispose();
        if (cache == null) { k.Dispose(); v.Dispose(); }
        using var merged = attended.transpose(1, 2).reshape(batch, length, heads * headDim);
        return precision.Linear(outputProjection, merged);
    }

    Tensor Attend(Tensor q, Tensor k, Tensor v, Tensor? mask, bool causal)
    {
        // The fused kernel is fast forward, but its CPU backward is several times slower than the explicit
        // path's; and attention-weight dropout must use our seeded generator (resume exactness), which the
        // fused kernel cannot. So it serves only inference.
        if (!training || (attentionDropout <= 0 && !is_grad_enabled()))
        {
            // The fused kernel wants the additive mask in the query's type (bfloat16 under mixed precision).
            using var typedMask = mask is null || mask.dtype == q.dtype ? mask?.alias() : mask.to(q.dtype);
            return F.scaled_dot_product_attention(q, k, v, typedMask, 0.0, causal);
        }

        // Softmax runs in float32.
        using var scope = NewDisposeScope();
        var scores = q.matmul(k.transpose(-2, -1)).to(ScalarType.Float32).TimesInPlace(1.0 / Math.Sqrt(headDim));
        if (mask is not null) scores = scores.Plus(mask);
        if (causal)
        {
            long tq = q.shape[2], tk = k.shape[2];
            var future = ones(tq, tk, dtype: ScalarType.Bool, device: q.device).triu(tk - tq + 1);
            scores = scores.MaskedFill(future, double.NegativeInfinity);
        }
        var weights = dropout.Apply(scores.softmax(-1), attentionDropout, training);
        return weights.to(v.dtype).matmul(v).MoveToOuterDisposeScope();
    }
}
