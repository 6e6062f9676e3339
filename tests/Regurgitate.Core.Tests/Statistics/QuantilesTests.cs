using Regurgitate.Statistics;

namespace Regurgitate.Tests.Statistics;

public class QuantilesTests
{
    [Fact]
    public void Linear_quantiles_match_numpy_default_interpolation()
    {
        // np.quantile(x, q) with numpy's default method="linear".
        Assert.Equal(1.75, Quantiles.Linear([1.0, 2, 3, 4], 0.25), 12);
        Assert.Equal(29.0, Quantiles.Linear([15.0, 20, 35, 40, 50], 0.40), 12);
        Assert.Equal(9.1, Quantiles.Linear([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.90), 12);
        Assert.Equal(2.5, Quantiles.Linear([1.0, 2, 3, 4], 0.5), 12);
        Assert.Equal(1.0, Quantiles.Linear([1.0, 2, 3, 4], 0));
        Assert.Equal(4.0, Quantiles.Linear([1.0, 2, 3, 4], 1));
        Assert.Equal(7.0, Quantiles.Linear([7.0], 0.3));
    }

    [Fact]
    public void Median_is_the_middle_value_or_the_mean_of_the_two_middle_ones()
    {
        Assert.Equal(3.0, Quantiles.Median([1.0, 3, 10]));
        Assert.Equal(3.5, Quantiles.Median([1.0, 3, 4, 10]));
    }

    [Fact]
    public void Empty_samples_and_levels_outside_0_1_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Quantiles.Linear([], 0.5));
        Assert.Throws<ArgumentException>(() => Quantiles.Median([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantiles.Linear([1.0, 2], 1.5));
    }
}
