namespace Regurgitate.Errors;

/// <summary>Sentence-level scores of one output against its human reference.</summary>
/// <param name="Chrf">chrF (0–100), sacreBLEU's sentence-level definition.</param>
/// <param name="EditRate">TER edit rate: edits per reference word (0 = identical; can exceed 1).</param>
public sealed record ReferenceScores(double Chrf, double EditRate);

/// <summary>The seam to sentence-level metrics: scores one output against its reference.</summary>
public interface IReferenceScorer
{
    /// <summary>Settings of the metrics, as a sacreBLEU-like signature.</summary>
    string Signature { get; }

    /// <summary>chrF and TER edit rate of <paramref name="hypothesis"/> against <paramref name="reference"/>. Must be thread-safe.</summary>
    ReferenceScores Score(string hypothesis, string reference);
}
