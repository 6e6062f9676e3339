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
