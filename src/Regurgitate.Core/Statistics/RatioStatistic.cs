namespace Regurgitate.Statistics;

/// <summary>
/// A ratio of sums, Σ numerator / Σ denominator, from rows [numerator, denominator]: NLL per target token
/// (Σ NLL / Σ tokens) or, with denominator 1, the mean of a per-sentence continuous score.
/// </summary>
public sealed class RatioStatistic(string name, bool higherIsBetter = true, double low = double.NegativeInfinity, double high = double.PositiveInfinity) : ICorpusStatistic
{
    /// <inheritdoc/>
    public string Name { get; } = name;

    /// <inheritdoc/>
    public int Width => 2;

    /// <inheritdoc/>
    public double Score(ReadOnlySpan<double> totals) => totals[0] / totals[1];

    /// <inheritdoc/>
    public (double Low, double High) Range { get; } = (low, high);

    /// <inheritdoc/>
    public bool HigherIsBetter { get; } = higherIsBetter;

    /// <summary>Negative log-likelihood per target token, rows [Σ NLL of a sentence, its tokens]: lower is better, never below 0.</summary>
    public static RatioStatistic NllPerToken { get; } = new("NLL/token", higherIsBetter: false, low: 0);
}
