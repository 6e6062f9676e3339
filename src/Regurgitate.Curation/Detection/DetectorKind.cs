namespace Regurgitate.Detection;

/// <summary>Which classifier a <see cref="MachineTextDetector"/> uses.</summary>
public enum DetectorKind
{
    /// <summary>ML.NET L-BFGS logistic regression on word 1–2-gram and character n-gram bags.</summary>
    Linear,

    /// <summary>A small TorchSharp network: a mean bag of hashed word and character n-gram embeddings, then an MLP.</summary>
    Neural,
}
