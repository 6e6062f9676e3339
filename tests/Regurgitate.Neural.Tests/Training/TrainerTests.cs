using Regurgitate.Modeling;
using Regurgitate.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Regurgitate.Tests.Training;

public class TrainerTests
{
    static string NewRunDirectory() => Path.Combine(Path.GetTempPath(), "regurg-nmt-tests", Guid.NewGuid().ToString("N"));

    static Dictionary<string, float[]> Weights(TranslationModel model) =>
        model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().cpu().data<float>().ToArray());

    static void AssertSameWeights(Dictionary<string, float[]> expected, Dictionary<string, float[]> actual)
    {
        Assert.Equal(expected.Keys.OrderBy(k => k), actual.Keys.OrderBy(k => k));
        foreach (var (name, values) in expected)
            Assert.True(values.AsSpan().SequenceEqual(actual[name]), $"parameter {name} differs");
    }

    [Theory]
    [InlineData(MatmulPrecision.Float32)]
    [InlineData(MatmulPrecision.BFloat16)]
    public void Resume_after_kill_gives_identical_weights(MatmulPrecision precision)
    {
        var pairs = CopyTask.Pairs(300, seed: 1);
        var config = CopyTask.Config(dropout: 0.1);
        const int total = 30, killedAt = 13;
        TrainingOptions Options(long updates) => CopyTask.Options(updates) with { Precision = precision };

        string straightRun = NewRunDirectory();
        Dictionary<string, float[]> straight;
        using (var trainer = Trainer.Open(straightRun, config, Options(total), CPU))
        {
            trainer.Train(pairs);
            Assert.Equal(total, trainer.State.Updates);
            straight = Weights(trainer.Model);
        }

        string resumedRun = NewRunDirectory();
        using (var trainer = Trainer.Open(resumedRun, config, Options(killedAt), CPU))
        {
            trainer.Train(pairs);
            Assert.Equal(killedAt, trainer.State.Updates);
            // Not yet the same: otherwise the comparison below would prove nothing.
            Assert.NotEqual(straight.First().Value, Weights(trainer.Model).First().Value);
        }
        using (var trainer = Trainer.Open(resumedRun, config, Options(total), CPU))
        {
            Assert.True(trainer.Resumed);
            Assert.Equal(killedAt, trainer.State.Updates);
            trainer.Train(pairs);
            Assert.Equal(total, trainer.State.Updates);
            AssertSameWeights(straight, Weights(trainer.Model));
        }
        Directory.Delete(straightRun, true);
        Directory.Delete(resumedRun, true);
    }

    sealed class CancelAt(long updates, CancellationTokenSource source) : IProgress<Regurgitate.Progress.ProgressUpdate>
    {
        public void Report(Regurgitate.Progress.ProgressUpdate value)
        {
            if (value.Done >= updates) source.Cancel();
        }
    }

    [Fact]
    public void Cancelled_training_checkpoints_and_resumes_to_the_same_weights()
    {
        var pairs = CopyTask.Pairs(300, seed: 1);
        var options = CopyTask.Options(20) with { ReportEveryUpdates = 1 };
        string straightRun = NewRunDirectory(), cancelledRun = NewRunDirectory();
        Dictionary<string, float[]> straight;
        using (var trainer = Trainer.Open(straightRun, CopyTask.Config(), options, CPU))
        {
            trainer.Train(pairs);
            straight = Weights(trainer.Model);
        }
        using (var source = new CancellationTokenSource())
        using (var trainer = Trainer.Open(cancelledRun, CopyTask.Config(), options, CPU))
        {
            var state = trainer.Train(pairs, null, new CancelAt(8, source), source.Token);
            Assert.Equal(8, state.Updates);
        }
        Assert.NotNull(Checkpoint.Resolve(cancelledRun, Checkpoint.LastPointer));
        using (var trainer = Trainer.Open(cancelledRun, CopyTask.Config(), options, CPU))
        {
            Assert.Equal(8, trainer.State.Updates);
            trainer.Train(pairs);
            AssertSameWeights(straight, Weights(trainer.Model));
        }
        Directory.Delete(straightRun, true);
        Directory.Delete(cancelledRun, true);
    }

    [Theory]
    [InlineData(MatmulPrecision.Float32)]
    [InlineData(MatmulPrecision.BFloat16)]
    public void Same_seed_gives_identical_losses_and_weights(MatmulPrecision precision)
    {
        var pairs = CopyTask.Pairs(200, seed: 2);
        var valid = new ValidationSet(CopyTask.Pairs(40, seed: 3));
        var options = CopyTask.Options(null) with { MaxEpochs = 2, Precision = precision };
        var runs = new List<(TrainingState State, Dictionary<string, float[]> Weights)>();
        for (int run = 0; run < 2; run++)
        {
            string directory = NewRunDirectory();
            using var trainer = Trainer.Open(directory, CopyTask.Config(), options, CPU);
            var state = trainer.Train(pairs, valid);
            runs.Add((state, Weights(trainer.Model)));
            Directory.Delete(directory, true);
        }
        Assert.Equal(2, runs[0].State.History.Count);
        Assert.Equal(runs[0].State.History, runs[1].State.History);
        AssertSameWeights(runs[0].Weights, runs[1].Weights);

        // A different seed gives different weights (so the equality above is not vacuous).
        string other = NewRunDirectory();
        using var differentSeed = Trainer.Open(other, CopyTask.Config(), options with { Seed = 8 }, CPU);
        differentSeed.Train(pairs, valid);
        Assert.NotEqual(runs[0].Weights.First().Value, Weights(differentSeed.Model).First().Value);
        Directory.Delete(other, true);
    }

    [Fact]
    public void Tiny_model_learns_reversal_task_in_seconds()
    {
        var pairs = CopyTask.Pairs(1000, seed: 4);
        var valid = new ValidationSet(CopyTask.Pairs(100, seed: 5));
        string directory = NewRunDirectory();
        using var trainer = Trainer.Open(directory, CopyTask.Config(dropout: 0.0), CopyTask.Options(null) with { MaxEpochs = 10 }, CPU);
        var state = trainer.Train(pairs, valid);
        double first = state.History[0].ValidNll!.Value;
        double last = state.History[^1].ValidNll!.Value;
        // Uniform guessing over 20 letters costs ln 20 ≈ 3.0 nats per token.
        Assert.True(first > 2.0 && last < 1.0, $"validation NLL went from {first:F3} to {last:F3} nats/token");
        Assert.True(File.Exists(Path.Combine(directory, Checkpoint.BestPointer)));
        Directory.Delete(directory, true);
    }

    [Fact]
    public void History_after_an_interrupted_and_resumed_epoch_equals_the_uninterrupted_one()
    {
        var pairs = CopyTask.Pairs(200, seed: 2);
        var valid = new ValidationSet(CopyTask.Pairs(40, seed: 3));
        var options = CopyTask.Options(null) with { MaxEpochs = 2, ReportEveryUpdates = 1 };
        string straightRun = NewRunDirectory(), resumedRun = NewRunDirectory();
        TrainingState straight;
        using (var trainer = Trainer.Open(straightRun, CopyTask.Config(), options, CPU))
            straight = trainer.Train(pairs, valid);
        long stopAt = straight.History[0].Updates + 2;
        Assert.True(stopAt < straight.History[1].Updates, "the interruption must fall inside epoch 2");

        using (var source = new CancellationTokenSource())
        using (var trainer = Trainer.Open(resumedRun, CopyTask.Config(), options, CPU))
            Assert.Equal(stopAt, trainer.Train(pairs, valid, new CancelAt(stopAt, source), source.Token).Updates);
        using (var trainer = Trainer.Open(resumedRun, CopyTask.Config(), options, CPU))
        {
            Assert.True(trainer.Resumed);
            var resumed = trainer.Train(pairs, valid);
            // Epoch 2's train loss covers the whole epoch, not only the updates after the resume.
            Assert.Equal(straight.History, resumed.History);
        }
        Directory.Delete(straightRun, true);
        Directory.Delete(resumedRun, true);
    }

    [Fact]
    public void Without_validation_data_no_checkpoint_becomes_the_best()
    {
        string directory = NewRunDirectory();
        using (var trainer = Trainer.Open(directory, CopyTask.Config(), CopyTask.Options(null) with { MaxEpochs = 1 }, CPU))
            trainer.Train(CopyTask.Pairs(100, seed: 6));
        Assert.NotNull(Checkpoint.Resolve(directory, Checkpoint.LastPointer));
        Assert.Null(Checkpoint.Resolve(directory, Checkpoint.BestPointer));
        Assert.Equal(Checkpoint.Resolve(directory, Checkpoint.LastPointer), Checkpoint.ResolveForInference(directory));
        Directory.Delete(directory, true);
    }
}
