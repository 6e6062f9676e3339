namespace Regurgitate.Training;

/// <summary>
/// Learning rate that rises linearly from <see cref="InitialLearningRate"/> to <see cref="PeakLearningRate"/>
/// over <see cref="WarmupSteps"/> updates, then decays with the inverse square root of the update
/// number (Vaswani et al. 2017, eq. 3, in fairseq's inverse_sqrt parametrization). Stateless:
/// the rate is a function of the update number, which checkpoints store.
/// </summary>
/// <param name="PeakLearningRate">Rate reached at the end of warm-up.</param>
/// <param name="WarmupSteps">Updates of linear warm-up.</param>
/// <param name="InitialLearningRate">Rate at update 0.</param>
public sealed record InverseSqrtSchedule(double PeakLearningRate, int WarmupSteps, double InitialLearningRate = 1e-7)
{
    /// <summary>Rate to use for update number <paramref name="update"/> (1-based).</summary>
    public double LearningRateAt(long update)
    {
        if (WarmupSteps > 0 && update < WarmupSteps)
            return InitialLearningRate + (PeakLearningRate - InitialLearningRate) * update / WarmupSteps;
        return PeakLearningRate * Math.Sqrt(Math.Max(WarmupSteps, 1) / (double)Math.Max(update, 1));
    }
}
