using Regurgitate.Runtime;
using static TorchSharp.torch;

namespace Regurgitate.Training;

/// <summary>
/// Cross-entropy against a target distribution that puts 1-ε on the reference token and spreads ε
/// over the other tokens (Szegedy et al. 2016), summed over non-padding positions. The mixing
/// follows fairseq's label_smoothed_cross_entropy: loss = (1-ε-ε/(V-1))·nll + ε/(V-1)·Σ_v -log p(v).
/// </summary>
public sealed class LabelSmoothedCrossEntropy
{
    /// <summary>ε, the mass moved away from the reference token.</summary>
    public double Epsilon { get; }
    /// <summary>Target id that contributes nothing.</summary>
    public int PadId { get; }

    public LabelSmoothedCrossEntropy(double epsilon, int padId)
    {
        if (epsilon is < 0 or >= 1) throw new InputException($"label smoothing must lie in [0, 1), not {epsilon}");
        Epsilon = epsilon;
        PadId = padId;
    }

    /// <summary>
    /// Summed smoothed loss and summed plain negative log-likelihood of <paramref name="target"/>
    /// (batch, tgt) under <paramref name="logits"/> (batch, tgt, vocab), padding excluded.
    /// </summary>
    public (Tensor Loss, Tensor NegativeLogLikelihood) Compute(Tensor logits, Tensor target)
    {
        using var scope = NewDisposeScope();
        long vocabulary = logits.shape[^1];
        var logProbabilities = logits.to(ScalarType.Float32).log_softmax(-1).view(-1, vocabulary);
        var flatTarget = target.reshape(-1, 1);
        var padding = flatTarget.EqualTo(PadId);
        var nll = logProbabilities.gather(1, flatTarget).neg().MaskedFill(padding, 0).sum();
        var smooth = logProbabilities.sum(-1, keepdim: true).neg().MaskedFill(padding, 0).sum();
        double spread = Epsilon / (vocabulary - 1);
        var loss = nll.Times(1.0 - Epsilon - spread).Plus(smooth.Times(spread));
        return (loss.MoveToOuterDisposeScope(), nll.MoveToOuterDisposeScope());
    }
}
