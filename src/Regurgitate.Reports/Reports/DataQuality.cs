using Regurgitate.Diversity;
using Regurgitate.Metrics;

namespace Regurgitate.Reports;

/// <summary>
/// The mechanisms measured on one condition's training data, each meaning one thing: errors are the share of
/// targets that raise a reference-free error signal (copies of the source, loops, wrong script, ...); divergence
/// is how far the targets are from the human targets of the same sources (corpus BLEU, chrF and TER with
/// bootstrap 95% intervals), which counts a faithful paraphrase as much as an error; and the lexical diversity of
/// the targets, also on the unflagged targets alone, so that broken outputs do not move it.
/// </summary>
public sealed record DataQuality(
    string Condition,
    string ConditionType,
    int Segments,
    ScoreWithInterval Bleu,
    ScoreWithInterval Chrf,
    ScoreWithInterval Ter,
    IReadOnlyList<ErrorShare> Errors,
    double AnyReferenceFreeFlag,
    double HighEditRateShare,
    DiversityReport Diversity,
    DiversityReport UnflaggedDiversity,
    DiversityReport HumanDiversity,
    string BleuSignature,
    string ChrfSignature,
    string TerSignature);

/// <summary>A corpus score with its bootstrap mean and 95% half-width (sacreBLEU's <c>--confidence</c>).</summary>
public sealed record ScoreWithInterval(double Score, ConfidenceInterval Interval)
{
    /// <summary>Lower bound of the 95% interval, centred on the score.</summary>
    public double Low => Score - Interval.HalfWidth;
    /// <summary>Upper bound.</summary>
    public double High => Score + Interval.HalfWidth;
}

/// <summary>The share of segments flagged with one error signal, with its Wilson 95% interval.</summary>
public sealed record ErrorShare(string Signal, int Count, int Segments)
{
    /// <summary>Count / segments.</summary>
    public double Share => Segments == 0 ? 0 : (double)Count / Segments;

    /// <summary>Wilson score interval (95%) of the share: well-behaved at counts of 0 (Wilson 1927).</summary>
    public (double Low, double High) Interval
    {
        get
        {
            if (Segments == 0) return (double.NaN, double.NaN);
            const double z = 1.959963984540054;
            double n = Segments, p = Share, z2 = z * z;
            double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
            double half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
            // At 0 (or all) flagged the bound is exactly 0 (or 1); rounding would leave 1e-19.
            return (Count == 0 ? 0 : Math.Max(0, centre - half), Count == Segments ? 1 : Math.Min(1, centre + half));
        }
    }
}
