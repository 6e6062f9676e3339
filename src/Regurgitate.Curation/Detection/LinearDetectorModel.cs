using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace Regurgitate.Detection;

/// <summary>
/// The linear detector: ML.NET's text featurizer (word 1..n-gram bag and character n-gram bag, case, punctuation
/// and diacritics kept, since machine output differs from human text in exactly those details; L2-normalized)
/// feeding an L-BFGS logistic regression. Single-threaded L-BFGS, so the same seed gives the same weights.
/// </summary>
internal sealed class LinearDetectorModel : IDetectorModel
{
    /// <summary>The ML.NET model's file name inside a detector directory.</summary>
    public const string FileName = "model.zip";

    readonly MLContext ml;
    readonly ITransformer model;
    readonly object scoring = new();

    LinearDetectorModel(MLContext ml, ITransformer model, string features)
    {
        this.ml = ml;
        this.model = model;
        Features = features;
    }

    public string Features { get; }

    public int? EpochsTrained => null;

    /// <summary>Fits the featurizer and the regression on <paramref name="texts"/> labelled <paramref name="isHuman"/>.</summary>
    public static LinearDetectorModel Train(IReadOnlyList<string> texts, IReadOnlyList<bool> isHuman, DetectorOptions options)
    {
        var ml = new MLContext(seed: options.Seed);
        var data = ml.Data.LoadFromEnumerable(texts.Select((t, i) => new TextRow { Text = t, Label = isHuman[i] }));
        var featurizer = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.None,
            KeepDiacritics = true,
            KeepPunctuations = true,
            KeepNumbers = true,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = options.WordNgramLength, UseAllLengths = true },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = options.CharNgramLength, UseAllLengths = false },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        var trainer = new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(TextRow.Label),
            FeatureColumnName = "Features",
            L2Regularization = options.L2Regularization,
            L1Regularization = 0,
            NumberOfThreads = 1,
        };
        var pipeline = ml.Transforms.Text.FeaturizeText("Features", featurizer, nameof(TextRow.Text))
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(trainer));
        return new LinearDetectorModel(ml, pipeline.Fit(data), Describe(options));
    }

    /// <summary>Loads the model saved in <paramref name="directory"/>.</summary>
    public static LinearDetectorModel Load(string directory, DetectorOptions options)
    {
        var ml = new MLContext(seed: options.Seed);
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) throw new InputException($"detector model file {FileName} is missing", directory, hint: "retrain the detector");
        try
        {
            using var stream = File.OpenRead(path);
            return new LinearDetectorModel(ml, ml.Model.Load(stream, out _), Describe(options));
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException or ArgumentException)
        {
            throw new InputException($"not a readable ML.NET model: {e.Message}", path, inner: e);
        }
    }

    public double[] RawProbabilityHuman(IReadOnlyList<string> texts)
    {
        if (texts.Count == 0) return [];
        lock (scoring)
        {
            var data = ml.Data.LoadFromEnumerable(texts.Select(t => new TextRow { Text = t }));
            return [.. model.Transform(data).GetColumn<float>("Probability").Select(p => (double)p)];
        }
    }

    public void Save(string directory)
    {
        var schema = ml.Data.LoadFromEnumerable(Array.Empty<TextRow>()).Schema;
        using var stream = File.Create(Path.Combine(directory, FileName));
        ml.Model.Save(model, schema, stream);
    }

    public void Dispose() { }

    static string Describe(DetectorOptions options) =>
        $"ML.NET text featurizer: word 1-{options.WordNgramLength}-gram bag + character {options.CharNgramLength}-gram bag " +
        $"(case, punctuation, diacritics kept; L2-normalized); L-BFGS logistic regression (L2 {options.L2Regularization})";

    sealed class TextRow
    {
        public string Text { get; set; } = "";
        public bool Label { get; set; }
    }
}
