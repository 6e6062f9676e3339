using System.Globalization;

namespace Regurgitate.Detection;

/// <summary>
/// How a <see cref="MachineTextDetector"/> is trained. The shared settings come first, then the linear model's
/// regularization, then the neural model's network and optimizer settings (ignored by the other kind).
/// </summary>
/// <param name="Kind">Linear (logistic regression) or neural (embedding bag + MLP).</param>
/// <param name="Seed">Seeds the class balancing, the validation split, ML.NET, and the network's initialization and batch order.</param>
/// <param name="ValidationShare">Share of each (balanced) class held out for calibration, early stopping and the audit's error rates.</param>
/// <param name="WordNgramLength">Longest word n-gram (all shorter lengths are used too).</param>
/// <param name="CharNgramLength">Character n-gram length.</param>
/// <param name="L2Regularization">L2 weight of the logistic regression.</param>
/// <param name="HashBuckets">Neural: rows of the hashed n-gram embedding table.</param>
/// <param name="EmbeddingSize">Neural: embedding width.</param>
/// <param name="HiddenSize">Neural: width of the MLP's hidden layer.</param>
/// <param name="Epochs">Neural: most passes over the training share.</param>
/// <param name="Patience">Neural: epochs without a lower validation loss before training stops.</param>
/// <param name="BatchSize">Neural: texts per Adam step.</param>
/// <param name="LearningRate">Neural: Adam's learning rate.</param>
public sealed record DetectorOptions(
    DetectorKind Kind = DetectorKind.Linear,
    int Seed = 1,
    double ValidationShare = 0.2,
    int WordNgramLength = 2,
    int CharNgramLength = 3,
    float L2Regularization = 1f,
    int HashBuckets = 1 << 16,
    int EmbeddingSize = 32,
    int HiddenSize = 32,
    int Epochs = 10,
    int Patience = 2,
    int BatchSize = 64,
    double LearningRate = 0.01)
{
    /// <summary>The defaults, for CLI option defaults.</summary>
    public static DetectorOptions Defaults { get; } = new();

    /// <summary>Throws an <see cref="InputException"/> naming the first setting out of range.</summary>
    public DetectorOptions Validated()
    {
        Require(ValidationShare > 0 && ValidationShare <= 0.5, "validation share", ValidationShare, "in (0, 0.5]");
        Require(WordNgramLength is >= 1 and <= 4, "word n-gram length", WordNgramLength, "1 to 4");
        Require(CharNgramLength is >= 1 and <= 6, "character n-gram length", CharNgramLength, "1 to 6");
        Require(L2Regularization >= 0, "L2 regularization", L2Regularization, "0 or more");
        Require(HashBuckets >= 1024, "hash buckets", HashBuckets, "at least 1024");
        Require(EmbeddingSize >= 1 && HiddenSize >= 1, "embedding/hidden size", Math.Min(EmbeddingSize, HiddenSize), "positive");
        Require(Epochs >= 1, "epochs", Epochs, "positive");
        Require(Patience >= 1, "patience", Patience, "positive");
        Require(BatchSize >= 1, "batch size", BatchSize, "positive");
        Require(LearningRate > 0, "learning rate", LearningRate, "positive");
        return this;
    }

    static void Require(bool ok, string name, double value, string range)
    {
        if (!ok) throw new InputException($"detector {name} must be {range}, not {value.ToString(CultureInfo.InvariantCulture)}");
    }
}
