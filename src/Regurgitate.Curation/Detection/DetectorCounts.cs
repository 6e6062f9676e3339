namespace Regurgitate.Detection;

/// <summary>How many texts a detector was given and used: classes are balanced by sampling the larger one down.</summary>
/// <param name="HumanGiven">Human texts given.</param>
/// <param name="MachineGiven">Machine texts given.</param>
/// <param name="TrainingPerClass">Texts of each class the model was fitted on.</param>
/// <param name="ValidationPerClass">Texts of each class held out for calibration, early stopping and the audit's error rates.</param>
public sealed record DetectorCounts(int HumanGiven, int MachineGiven, int TrainingPerClass, int ValidationPerClass);
