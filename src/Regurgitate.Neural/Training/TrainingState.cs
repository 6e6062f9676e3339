namespace Regurgitate.Training;

/// <summary>One validation's results.</summary>
/// <param name="Epoch">Epoch the validation followed (1-based).</param>
/// <param name="Updates">Updates done by then.</param>
/// <param name="TrainLoss">Mean label-smoothed loss per target token since the previous validation (nats).</param>
/// <param name="ValidNll">Mean negative log-likelihood per validation target token (nats).</param>
/// <param name="ValidBleu">Validation BLEU of greedy decoding, if computed.</param>
public sealed record ValidationRecord(int Epoch, long Updates, double TrainLoss, double? ValidNll, double? ValidBleu);

/// <summary>
/// Where training stands, stored in every checkpoint: with the weights, optimizer state and dropout
/// generator state it determines the rest of the run exactly.
/// </summary>
/// <param name="Epoch">Current epoch (1-based).</param>
/// <param name="BatchInEpoch">Batches of this epoch already consumed.</param>
/// <param name="Updates">Optimizer updates done.</param>
/// <param name="TargetTokens">Target tokens trained on so far.</param>
/// <param name="BestMetric">Best validation metric so far (BLEU, or -NLL without BLEU).</param>
/// <param name="BestCheckpoint">Name of the best checkpoint (informational: best.json is what counts).</param>
/// <param name="ValidationsWithoutImprovement">Patience counter.</param>
/// <param name="DataSeed">Seed of the data order (see <see cref="DataOrder"/>).</param>
/// <param name="TrainingSeconds">Wall time spent training, over all resumed runs.</param>
/// <param name="Finished">True once a stopping criterion other than the time/update limits ended training.</param>
/// <param name="History">Validation results so far.</param>
/// <param name="EpochLoss">Summed training loss of the current epoch's updates so far, so that an epoch's recorded
/// train loss after a resume covers the whole epoch, as in an uninterrupted run.</param>
/// <param name="EpochLossTokens">Target tokens of those updates.</param>
public sealed record TrainingState(
    int Epoch,
    int BatchInEpoch,
    long Updates,
    long TargetTokens,
    double? BestMetric,
    string? BestCheckpoint,
    int ValidationsWithoutImprovement,
    long DataSeed,
    double TrainingSeconds,
    bool Finished,
    IReadOnlyList<ValidationRecord> History,
    double EpochLoss = 0,
    long EpochLossTokens = 0)
{
    /// <summary>The state before the first update.</summary>
    public static TrainingState Start(long dataSeed) => new(1, 0, 0, 0, null, null, 0, dataSeed, 0, false, []);
}
