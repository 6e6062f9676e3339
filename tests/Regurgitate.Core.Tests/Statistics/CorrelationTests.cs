using Regurgitate.Statistics;

namespace Regurgitate.Tests.Statistics;

public class CorrelationTests
{
    [Fact]
    public void Pearson_r_on_known_data()
    {
        // Deviations (-2..2) and (-2, 0, 1, 0, 1): r = 6 / sqrt(10 * 6) = sqrt(0.6).
        Assert.Equal(Math.Sqrt(0.6), Correlation.Pearson([1.0, 2, 3, 4, 5], [2.0, 4, 5, 4, 5]), 12);
        Assert.Equal(-1.0, Correlation.Pearson([1.0, 2, 3], [3.0, 2, 1]), 12);
    }

    [Fact]
    public void Both_correlations_need_the_same_minimum_of_pairs_and_spread()
    {
        Assert.Equal(3, Correlation.MinimumPairs);
        Assert.True(double.IsNaN(Correlation.Pearson([1.0, 2], [1.0, 2])));
        Assert.True(double.IsNaN(Correlation.Spearman([1.0, 2], [1.0, 2])));
        Assert.True(double.IsNaN(Correlation.Pearson([1.0, 1, 1], [1.0, 2, 3])));
        Assert.True(double.IsNaN(Correlation.Spearman([1.0, 2, 3], [5.0, 5, 5])));
        Assert.Throws<ArgumentException>(() => Correlation.Pearson([1.0, 2, 3], [1.0, 2]));
    }

    [Fact]
    public void Spearman_gives_ties_their_average_rank_as_scipy_does()
    {
        Assert.Equal([1, 2.5, 2.5, 4, 5], Ranks.Of([1.0, 2, 2, 3, 5]));
        // Ranks (1, 2.5, 2.5, 4, 5) and (2, 1, 3.5, 3.5, 5): r = 7.25 / sqrt(9.5 * 9.5) = 29/38, scipy.stats.spearmanr's value.
        Assert.Equal(29.0 / 38, Correlation.Spearman([1.0, 2, 2, 3, 5], [2.0, 1, 4, 4, 9]), 12);
        // A monotone but non-linear relation is a perfect rank correlation.
        Assert.Equal(1.0, Correlation.Spearman([1.0, 2, 3, 4], [1.0, 8, 27, 64]), 12);
    }
}
