using Regurgitate.Metrics;

namespace Regurgitate.Errors;

/// <summary>
/// Sentence chrF and TER edit rate with sacreBLEU 2.6.0 semantics (<see cref="Chrf"/>,
/// <see cref="Ter"/>), as sacreBLEU's <c>sentence_score</c> computes them.
/// </summary>
public sealed class SacreBleuReferenceScorer : IReferenceScorer
{
    readonly Chrf chrf;
    readonly Ter ter;

    /// <summary>sacreBLEU's default chrF and TER unless options are given.</summary>
    public SacreBleuReferenceScorer(ChrfOptions? chrfOptions = null, TerOptions? terOptions = null)
    {
        chrf = new Chrf(chrfOptions);
        ter = new Ter(terOptions);
    }

    /// <inheritdoc/>
    public string Signature => $"{chrf.Name} {chrf.SignatureFor(1)}; TER {ter.SignatureFor(1)}";

    /// <inheritdoc/>
    /// <remarks>A blank reference has no sentence score in sacreBLEU; both scores are then NaN (JSON null).</remarks>
    public ReferenceScores Score(string hypothesis, string reference)
    {
        if (string.IsNullOrWhiteSpace(reference)) return new ReferenceScores(double.NaN, double.NaN);
        double chrfScore = chrf.SentenceScore(hypothesis, [reference]).Score;
        var terScore = (TerScore)ter.SentenceScore(hypothesis, [reference]);
        // TerScore.Score is a percentage; the edit rate is edits per reference word.
        return new ReferenceScores(chrfScore, terScore.Score / 100);
    }
}
