using Regurgitate.Statistics;

namespace Regurgitate.Reports;

/// <summary>
/// How many pairs of a condition reach the BLEU that <see cref="HumanSize"/> human pairs reach, read
/// off both fitted curves (<see cref="LogLinearFit"/>). <see cref="Size"/> is null when the condition's
/// fitted curve does not reach that BLEU within the sizes it was run at; then <see cref="Outcome"/> says why.
/// </summary>
public sealed record ExchangeRate(string Condition, int HumanSize, double HumanBleu, double? Size, ExchangeOutcome Outcome)
{
    /// <summary>Condition pairs per human pair (null when not reached).</summary>
    public double? PairsPerHumanPair => Size / HumanSize;

    /// <summary>
    /// The 95% interval of <see cref="PairsPerHumanPair"/> over the two-level bootstrap's resamples, null when the
    /// cells' translations were not read. An end may be infinite: +∞ where, in at least 2.5% of resamples, the
    /// condition's curve does not reach the human BLEU within its sizes (or does not rise); −∞ where it already
    /// exceeds it at its smallest size.
    /// </summary>
    public (double Low, double High)? Interval { get; init; }

    /// <summary>
    /// The interval from <paramref name="draws"/>: in each resample both curves are refitted through the
    /// resampled cell scores (the mean over seeds at each size) and the rate read off as for the point estimate.
    /// Resamples where the rate is not reached count as +∞ and those below the smallest size as −∞, so the
    /// interval's ends are order statistics (ranks ⌊0.025·(B − 1)⌋ and ⌈0.975·(B − 1)⌉) of all resamples.
    /// </summary>
    public static (double Low, double High)? IntervalOf(BootstrapDraws draws, string human, IReadOnlyList<int> humanSizes,
        string condition, IReadOnlyList<int> conditionSizes, int humanSize)
    {
        if (humanSizes.Count < 2 || conditionSizes.Count < 2) return null;
        var humanCells = humanSizes.Select(s => draws.IndexOf(StudyInference.CellName(human, s))).ToArray();
        var conditionCells = conditionSizes.Select(s => draws.IndexOf(StudyInference.CellName(condition, s))).ToArray();
        var rates = new double[draws.Resamples];
        for (int b = 0; b < draws.Resamples; b++)
        {
            var humanFit = LogLinearFit.Of(humanSizes.Select((s, i) => (s, draws.Crossed[humanCells[i]][b])).ToList())!;
            var fit = LogLinearFit.Of(conditionSizes.Select((s, i) => (s, draws.Crossed[conditionCells[i]][b])).ToList())!;
            var rate = Between(condition, humanFit, fit, humanSize);
            rates[b] = rate.Outcome switch
            {
                ExchangeOutcome.Reached => rate.PairsPerHumanPair!.Value,
                ExchangeOutcome.BelowSmallestSize => double.NegativeInfinity,
                _ => double.PositiveInfinity,
            };
        }
        Array.Sort(rates);
        int n = rates.Length;
        return (rates[(int)Math.Floor(0.025 * (n - 1))], rates[(int)Math.Ceiling(0.975 * (n - 1))]);
    }

    /// <summary>Reads the exchange rate of <paramref name="condition"/> at <paramref name="humanSize"/> off the two fits.</summary>
    public static ExchangeRate Between(string conditionName, LogLinearFit human, LogLinearFit condition, int humanSize)
    {
        double target = human.At(humanSize);
        double size = condition.SizeFor(target);
        // Interpolation only: a size outside the range run would be an extrapolation of the fitted line.
        // A relative tolerance keeps a curve that meets the target exactly at an end of the range in range.
        const double tolerance = 1e-9;
        ExchangeOutcome outcome =
            double.IsNaN(size) ? ExchangeOutcome.CurveDoesNotRise
            : size > condition.MaxSize * (1 + tolerance) ? ExchangeOutcome.NotReached
            : size < condition.MinSize * (1 - tolerance) ? ExchangeOutcome.BelowSmallestSize
            : ExchangeOutcome.Reached;
        return new ExchangeRate(conditionName, humanSize, target, outcome == ExchangeOutcome.Reached ? size : null, outcome);
    }
}

/// <summary>Whether an exchange rate could be read off within the sizes run.</summary>
public enum ExchangeOutcome
{
    /// <summary>The condition's curve reaches the human BLEU within its sizes.</summary>
    Reached,
    /// <summary>Not reached within the sizes run (it would need more pairs than the largest size).</summary>
    NotReached,
    /// <summary>Already exceeded at the smallest size run (it would need fewer pairs than were run).</summary>
    BelowSmallestSize,
    /// <summary>The condition's fitted curve is flat or falls with size.</summary>
    CurveDoesNotRise,
}
