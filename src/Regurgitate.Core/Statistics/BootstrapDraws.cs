namespace Regurgitate.Statistics;

/// <summary>
/// The resamples of a <see cref="HierarchicalBootstrap"/> run: per condition, its seeds' corpus scores, its
/// point score (the mean over seeds), and per resample its score with seeds and sentences resampled
/// (<see cref="Crossed"/>) and with sentences alone resampled (<see cref="SentenceOnly"/>, all seeds kept),
/// whose spread is the sentence part of the variance.
/// </summary>
public sealed class BootstrapDraws
{
    internal BootstrapDraws(ICorpusStatistic statistic, string[] conditions, int sentences, double[][] seedScores,
        double[] point, double[][] crossed, double[][] sentenceOnly, double[] seedNoise)
    {
        Statistic = statistic;
        Conditions = conditions;
        Sentences = sentences;
        SeedScores = seedScores;
        Point = point;
        Crossed = crossed;
        SentenceOnly = sentenceOnly;
        SeedNoise = seedNoise;
    }

    /// <summary>The resampled statistic.</summary>
    public ICorpusStatistic Statistic { get; }
    /// <summary>Condition names, in input order.</summary>
    public IReadOnlyList<string> Conditions { get; }
    /// <summary>Test sentences.</summary>
    public int Sentences { get; }
    /// <summary>Per condition, each seed's corpus score on the whole test set.</summary>
    public IReadOnlyList<double[]> SeedScores { get; }
    /// <summary>Per condition, the mean of its seeds' corpus scores.</summary>
    public IReadOnlyList<double> Point { get; }
    /// <summary>Per condition, its resampled scores with seeds and sentences resampled.</summary>
    public IReadOnlyList<double[]> Crossed { get; }
    /// <summary>Per condition, its resampled scores with sentences resampled and every seed kept.</summary>
    public IReadOnlyList<double[]> SentenceOnly { get; }
    /// <summary>
    /// Per condition, the variance of one seed's corpus score that sampling sentences causes and the other seeds
    /// do not share (seed × sentence). Both the seeds' spread and the sentence-only resamples contain it; the
    /// analysis subtracts it once from the sentence part so it is not counted twice. 0 with one seed.
    /// </summary>
    public IReadOnlyList<double> SeedNoise { get; }
    /// <summary>Number of resamples.</summary>
    public int Resamples => Crossed[0].Length;

    /// <summary>The position of condition <paramref name="name"/>.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Conditions.Count; i++) if (Conditions[i] == name) return i;
        throw new ArgumentException($"no condition '{name}' among {string.Join(", ", Conditions)}", nameof(name));
    }

    /// <summary>
    /// A quantity of the conditions' scores (a gap share, an exchange rate from a learning-curve fit): its
    /// value at the point scores and the percentile interval of its values over the crossed resamples.
    /// <paramref name="quantity"/> gets the scores indexed as <see cref="Conditions"/>; resamples where it is
    /// not finite (a fit that fails, a gap of 0) are left out and counted.
    /// </summary>
    public QuantityEstimate Quantity(Func<IReadOnlyList<double>, double> quantity, double confidence = 0.95)
    {
        double estimate = quantity(Point.ToArray());
        var values = new List<double>(Resamples);
        var scores = new double[Conditions.Count];
        for (int b = 0; b < Resamples; b++)
        {
            for (int k = 0; k < scores.Length; k++) scores[k] = Crossed[k][b];
            double v = quantity(scores);
            if (double.IsFinite(v)) values.Add(v);
        }
        if (values.Count == 0) return new QuantityEstimate(estimate, double.NaN, double.NaN, Resamples, Resamples);
        values.Sort();
        var (low, high) = Bootstrap.PercentileInterval(values, confidence);
        return new QuantityEstimate(estimate, low, high, Resamples, Resamples - values.Count);
    }

    /// <summary>
    /// The share of the gap from <paramref name="synthetic"/> to <paramref name="human"/> that
    /// <paramref name="strategy"/> closes, (strategy − synthetic) / (human − synthetic): 0 is no better than
    /// synthetic, 1 matches human. From the same resamples as every other interval of these draws.
    /// </summary>
    public QuantityEstimate GapShare(string strategy, string synthetic, string human, double confidence = 0.95)
    {
        int s = IndexOf(strategy), y = IndexOf(synthetic), h = IndexOf(human);
        return Quantity(scores => (scores[s] - scores[y]) / (scores[h] - scores[y]), confidence);
    }
}
