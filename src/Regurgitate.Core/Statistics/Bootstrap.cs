namespace Regurgitate.Statistics;

/// <summary>Bootstrap resampling: draws with replacement and percentile intervals of the resampled statistic.</summary>
public static class Bootstrap
{
    /// <summary>
    /// Fills <paramref name="into"/> with indices drawn uniformly with replacement from [0, <paramref name="count"/>),
    /// one call of <paramref name="nextIndex"/> each, in order: the caller's generator fixes the resample, and
    /// the draws match its own loop (e.g. <c>NumpyRandom.NextIndex</c> gives numpy's <c>rng.choice(count, size)</c>,
    /// <c>Random.Next</c> gives .NET's).
    /// </summary>
    public static void Resample(Span<int> into, int count, Func<int, int> nextIndex)
    {
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "nothing to resample from");
        for (int i = 0; i < into.Length; i++) into[i] = nextIndex(count);
    }

    /// <summary>
    /// The percentile interval at <paramref name="confidence"/> of ascending resampled values: their
    /// (1 − c)/2 and 1 − (1 − c)/2 quantiles by <see cref="Quantiles.Linear"/>.
    /// </summary>
    public static (double Low, double High) PercentileInterval(IReadOnlyList<double> sorted, double confidence)
    {
        if (confidence is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "a confidence level is in (0, 1)");
        double tail = (1 - confidence) / 2;
        return (Quantiles.Linear(sorted, tail), Quantiles.Linear(sorted, 1 - tail));
    }
}
