using Regurgitate.Training;
using Regurgitate.Tests.Training;
using static TorchSharp.torch;

namespace Regurgitate.Tests.Training;

public class CriterionAndScheduleTests
{
    [Fact]
    public void Label_smoothed_loss_matches_the_formula_and_ignores_padding()
    {
        // Two positions over a 4-token vocabulary; the second target is padding (id 0).
        var logits = tensor(new float[] { 2f, 0.5f, -1f, 0f, 9f, 9f, 9f, 9f }, [1, 2, 4]);
        var target = tensor(new long[] { 2, 0 }, [1, 2]);
        var (loss, nll) = new LabelSmoothedCrossEntropy(0.1, padId: 0).Compute(logits, target);

        double[] z = [2, 0.5, -1, 0];
        double logSum = Math.Log(z.Sum(Math.Exp));
        double[] logP = z.Select(v => v - logSum).ToArray();
        double expectedNll = -logP[2];
        double spread = 0.1 / 3;
        double expectedLoss = (1 - 0.1 - spread) * expectedNll + spread * -logP.Sum();
        Assert.Equal(expectedNll, nll.item<float>(), 4);
        Assert.Equal(expectedLoss, loss.item<float>(), 4);
    }

    [Fact]
    public void Without_smoothing_the_loss_is_the_negative_log_likelihood()
    {
        var logits = randn(3, 5, 7);
        var target = randint(1, 7, [3, 5]);
        var (loss, nll) = new LabelSmoothedCrossEntropy(0.0, padId: 0).Compute(logits, target);
        Assert.Equal(nll.item<float>(), loss.item<float>(), 4);
    }

    [Fact]
    public void Inverse_sqrt_schedule_warms_up_linearly_then_decays()
    {
        var schedule = new InverseSqrtSchedule(1e-3, 100, InitialLearningRate: 0);
        Assert.Equal(5e-4, schedule.LearningRateAt(50), 12);
        Assert.Equal(1e-3, schedule.LearningRateAt(100), 12);
        Assert.Equal(5e-4, schedule.LearningRateAt(400), 12); // sqrt(100/400) = 1/2
    }

    [Fact]
    public void Token_batches_cover_every_pair_once_within_the_budget()
    {
        var pairs = CopyTask.Pairs(500, seed: 1);
        var batcher = new TokenBatcher(pairs, maxTokens: 120, seed: 3, chunkSize: 100);
        var batches = batcher.EpochBatches(1);
        Assert.Equal(Enumerable.Range(0, 500), batches.SelectMany(b => b).Order());
        Assert.All(batches, b => Assert.True(b.Length * b.Max(i => TokenBatcher.PaddedLength(pairs[i])) <= 120));
        // Length bucketing keeps padding low: padded size is within 30% of the real tokens.
        long real = pairs.Sum(TokenBatcher.PaddedLength);
        long padded = batches.Sum(b => (long)b.Length * b.Max(i => TokenBatcher.PaddedLength(pairs[i])));
        Assert.True(padded < real * 1.3, $"padded {padded} vs real {real}");
        // Deterministic per (seed, epoch), different across epochs.
        Assert.Equal(batches, batcher.EpochBatches(1));
        Assert.NotEqual(batches, batcher.EpochBatches(2));
    }
}
