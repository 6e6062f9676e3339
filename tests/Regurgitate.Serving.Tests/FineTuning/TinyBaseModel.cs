using Regurgitate.Corpora;
using Regurgitate.Training;

namespace Regurgitate.Tests;

/// <summary>A tiny German→English checkpoint trained once per test class on real Multi30k pairs: the base model the fine-tuning server fine-tunes.</summary>
public sealed class TinyBaseModel : IDisposable
{
    readonly string folder = TestData.TemporaryDirectory("regurg-ft-base-");

    public TinyBaseModel()
    {
        var pairs = TestData.Multi30k("train", "de").Zip(TestData.Multi30k("train", "en")).Take(600)
            .Select(p => new SentencePair(p.First, p.Second, Provenance.Human)).ToList();
        TrainingRun.Run(new TrainingRunRequest
        {
            RunDirectory = Run,
            Train = pairs,
            Tokenizer = new TokenizerSource(VocabularySize: 300),
            Preset = "tiny",
            Options = new TrainingOptions { BatchTokens = 600, WarmupSteps = 10, LearningRate = 3e-3, MaxUpdates = 80, ValidateBleu = false, Seed = 3 },
        });
    }

    /// <summary>The run directory of the base model.</summary>
    public string Run => Path.Combine(folder, "base");

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
