using Regurgitate.Modeling;
using Regurgitate.Training;
using Regurgitate.Tests.Training;
using static TorchSharp.torch;

namespace Regurgitate.Tests.Decoding;

/// <summary>The test classes that share one <see cref="TrainedReversalModel"/> (it is trained once for all of them).</summary>
[CollectionDefinition(TrainedReversalModel.Collection)]
public sealed class TrainedReversalModelCollection : ICollectionFixture<TrainedReversalModel>;

/// <summary>A tiny model trained once (seconds) on the reversal task, shared by the decoding tests.</summary>
public sealed class TrainedReversalModel : IDisposable
{
    /// <summary>The collection of the test classes that share it.</summary>
    public const string Collection = "trained reversal model";

    readonly Trainer trainer;
    readonly string directory = Path.Combine(Path.GetTempPath(), "regurg-nmt-tests", Guid.NewGuid().ToString("N"));

    public TranslationModel Model => trainer.Model;
    public List<TokenizedPair> Unseen { get; } = CopyTask.Pairs(40, seed: 99);

    public TrainedReversalModel()
    {
        trainer = Trainer.Open(directory, CopyTask.Config(dropout: 0.0), CopyTask.Options(null) with { MaxEpochs = 20 }, CPU);
        trainer.Train(CopyTask.Pairs(1000, seed: 11));
        trainer.Model.eval();
    }

    public void Dispose()
    {
        trainer.Dispose();
        if (Directory.Exists(directory)) Directory.Delete(directory, true);
    }
}
