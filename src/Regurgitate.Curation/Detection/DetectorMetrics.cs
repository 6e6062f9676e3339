namespace Regurgitate.Detection;

/// <summary>How well a detector separates and calibrates on labelled texts.</summary>
/// <param name="RocAuc">Area under the ROC curve: the chance a human text scores above a machine one (ties count half).</param>
/// <param name="Accuracy">Share classified correctly at P(human) ≥ 0.5.</param>
/// <param name="ExpectedCalibrationError">Σ over bins of (bin share) × |observed human share − mean P(human)|.</param>
/// <param name="Reliability">The reliability table the calibration error sums.</param>
/// <param name="HumanTexts">Human-written texts evaluated.</param>
/// <param name="MachineTexts">Machine-made texts evaluated.</param>
public sealed record DetectorMetrics(
    double RocAuc, double Accuracy, double ExpectedCalibrationError, IReadOnlyList<ReliabilityBin> Reliability, int HumanTexts, int MachineTexts);
