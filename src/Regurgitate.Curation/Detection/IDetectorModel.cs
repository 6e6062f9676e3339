namespace Regurgitate.Detection;

/// <summary>The classifier inside a detector: uncalibrated P(human) per text, and its files in a detector directory.</summary>
internal interface IDetectorModel : IDisposable
{
    /// <summary>The features in words, for the manifest.</summary>
    string Features { get; }

    /// <summary>Epochs trained, for models trained in epochs; null otherwise.</summary>
    int? EpochsTrained { get; }

    /// <summary>Uncalibrated P(human) of each text.</summary>
    double[] RawProbabilityHuman(IReadOnlyList<string> texts);

    /// <summary>Writes the model's own files into <paramref name="directory"/>.</summary>
    void Save(string directory);
}
