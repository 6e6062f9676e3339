using Regurgitate.Training;

namespace Regurgitate.Studies;

/// <summary>The training options of a study's student or teacher for one seed.</summary>
internal static class StudyTraining
{
    public static TrainingOptions Options(TrainingSpec spec, long seed) => new()
    {
        BatchTokens = spec.BatchTokens,
        LearningRate = spec.LearningRate,
        WarmupSteps = spec.Warmup,
        MaxEpochs = spec.Epochs,
        MaxUpdates = spec.Updates,
        MaxMinutes = spec.Minutes,
        Patience = spec.Patience,
        Seed = seed,
        // Validation by loss only: greedy BLEU decoding of the validation set would dominate small runs.
        ValidateBleu = false,
    };
}
