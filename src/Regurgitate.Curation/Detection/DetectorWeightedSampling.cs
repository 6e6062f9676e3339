namespace Regurgitate.Detection;

/// <summary>
/// Detector-weighted sampling (after Drayson et al. 2025): draw n pairs with replacement, each with probability
/// ∝ P(human)^b, where no pair is drawn more than a cap of times. b = 0 is uniform sampling; larger b leans harder
/// on the pairs the detector finds human-like, and the cap keeps a few of them from filling the sample.
/// </summary>
public static class DetectorWeightedSampling
{
    /// <summary>
    /// <paramref name="count"/> indices into <paramref name="probabilityHuman"/>, in draw order, seeded by <paramref name="seed"/>.
    /// </summary>
    /// <param name="probabilityHuman">P(human) per pair.</param>
    /// <param name="count">Pairs to draw.</param>
    /// <param name="exponent">b in weight = P(human)^b (0 or more).</param>
    /// <param name="maxRepeats">Most times one pair may be drawn (1 = sampling without replacement).</param>
    /// <param name="seed">Seeds the draws.</param>
    public static int[] Sample(IReadOnlyList<double> probabilityHuman, int count, double exponent, int maxRepeats, int seed)
    {
        if (exponent < 0 || double.IsNaN(exponent)) throw new InputException($"the sampling exponent must be 0 or more, not {exponent}");
        if (maxRepeats < 1) throw new InputException($"the repeat cap must be at least 1, not {maxRepeats}");
        if (count < 0 || (long)probabilityHuman.Count * maxRepeats < count)
            throw new InputException($"cannot draw {count} pairs from {probabilityHuman.Count} with each drawn at most {maxRepeats} times");
        // A floor keeps every pair drawable: a P(human) of exactly 0 would otherwise make the cap unreachable.
        var draws = new WeightedDraws([.. probabilityHuman.Select(p => Math.Pow(Math.Max(p, 1e-9), exponent))]);
        var taken = new int[probabilityHuman.Count];
        var random = new Random(seed);
        var sample = new int[count];
        for (int k = 0; k < count; k++)
        {
            int index = draws.Draw(random.NextDouble());
            sample[k] = index;
            if (++taken[index] == maxRepeats) draws.Set(index, 0);
        }
        return sample;
    }
}
