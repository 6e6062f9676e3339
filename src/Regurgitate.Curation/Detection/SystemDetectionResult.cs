namespace Regurgitate.Detection;

/// <summary>How well a detector tells one MT system's outputs from the human reference of the same sources.</summary>
/// <param name="System">The system's name (its file name without extension).</param>
/// <param name="Metrics">Reference lines as human, the system's lines as machine.</param>
public sealed record SystemDetectionResult(string System, DetectorMetrics Metrics);
