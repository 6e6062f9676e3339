using Regurgitate.Runtime;
using Regurgitate.Modeling;
using static TorchSharp.torch;

namespace Regurgitate.Training;

/// <summary>
/// Loss and gradients of the output layer, computed over the non-padding target positions in chunks of rows.
/// The vocabulary-sized tensors (logits, log-probabilities and their gradients: 3–4 of them, 128 MB each for a
/// 4,096-token batch and 8,000 pieces) then exist for one chunk at a time, and padding positions cost nothing.
/// Each chunk's backward pass stops at a detached copy of the decoder states, whose gradient then flows
/// through the rest of the model in one backward pass. The result is the gradient of the whole loss.
/// </summary>
public sealed class ChunkedOutputLoss(LabelSmoothedCrossEntropy criterion, int chunkRows = 1024)
{
    /// <summary>Rows (target positions) per chunk.</summary>
    public int ChunkRows { get; } = chunkRows > 0 ? chunkRows : throw new ArgumentOutOfRangeException(nameof(chunkRows));

    /// <summary>
    /// Back-propagates the summed smoothed loss of <paramref name="targetOutput"/> (batch, tgt) given decoder
    /// <paramref name="states"/> (batch, tgt, d) into all parameters; returns the summed loss and NLL.
    /// </summary>
    public (double Loss, double NegativeLogLikelihood) Backward(TranslationModel model, Tensor states, Tensor targetOutput)
    {
        using var scope = NewDisposeScope();
        long dim = states.shape[^1];
        var targets = targetOutput.reshape(-1);
        var positions = targets.NotEqualTo(criterion.PadId).nonzero().view(-1);
        var detached = states.detach().requires_grad_(true);
        var rows = detached.view(-1, dim);
        long count = positions.shape[0];
        double loss = 0, nll = 0;
        for (long start = 0; start < count; start += ChunkRows)
        {
            using var chunkScope = NewDisposeScope();
            var chunk = positions.narrow(0, start, Math.Min(ChunkRows, count - start));
            var (chunkLoss, chunkNll) = criterion.Compute(model.Logits(rows.index_select(0, chunk)), targets.index_select(0, chunk));
            chunkLoss.backward();
            loss += chunkLoss.item<float>();
            nll += chunkNll.item<float>();
        }
        if (detached.grad is Tensor gradient) states.backward([gradient]);
        return (loss, nll);
    }
}
