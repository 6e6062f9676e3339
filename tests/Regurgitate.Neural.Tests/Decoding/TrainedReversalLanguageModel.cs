using Regurgitate.Modeling;
using Regurgitate.Training;
using Regurgitate.Tests.Training;
using static TorchSharp.torch;

namespace Regurgitate.Tests.Decoding;

/// <summary>The test classes that share one <see cref="TrainedReversalLanguageModel"/> (it is trained once for all of them).</summary>
[CollectionDefinition(TrainedReversalLanguageModel.Collection)]
public sealed class TrainedReversalLanguageModelCollection : ICollectionFixture<TrainedReversalLanguageModel>;

/// <summary>A tiny decoder-only model trained once (seconds) on the reversal task as prompt + completion, shared by its decoding tests.</summary>
public sealed class TrainedReversalLanguageModel : IDisposable
{
    /// <summary>The collection of the test classes that share it.</summary>
    public const string Collection = "trained reversal language model";

    readonly Trainer trainer;
    readonly string directory = Path.Combine(Path.GetTempPath(), "regurg-nmt-tests", Guid.NewGuid().ToString("N"));

    public TranslationModel Model => trainer.Model;
    public List<TokenizedPair> Unseen { get; } = CopyTask.Pairs(40, seed: 99);

    public TrainedReversalLanguageModel()
    {
        trainer = Trainer.Open(directory, CopyTask.LanguageModelConfig(dropout: 0.0), CopyTask.Options(null) with { MaxEpochs = 25 }, CPU);
        trainer.Train(CopyTask.Pairs(1000, seed: 11));
        trainer.Model.eval();
    }

    public void Dispose()
    {
        trainer.Dispose();
        if (Directory.Exists(directory)) Directory.Delete(directory, true);
    }
}
