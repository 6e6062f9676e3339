using Regurgitate.Metrics.Significance;
using Regurgitate.Statistics;

namespace Regurgitate.Tests.Statistics;

public class BootstrapTests
{
    [Fact]
    public void Resampling_with_numpy_generator_matches_numpy_choice()
    {
        // np.random.default_rng(seed).choice(count, size), NumPy 1.24: sacreBLEU's resamples.
        var draws = new int[10];
        Bootstrap.Resample(draws, 3004, new NumpyRandom(12345).NextIndex);
        Assert.Equal([2100, 682, 2369, 951, 613, 2395, 1930, 2031, 2969, 1174], draws);

        var small = new int[8];
        Bootstrap.Resample(small, 10, new NumpyRandom(7).NextIndex);
        Assert.Equal([9, 6, 6, 8, 5, 7, 8, 2], small);
    }

    [Fact]
    public void A_seed_fixes_the_resample_and_the_draws_are_the_generators_own_sequence()
    {
        var first = new int[50];
        var second = new int[50];
        Bootstrap.Resample(first, 20, new Random(3).Next);
        Bootstrap.Resample(second, 20, new Random(3).Next);
        Assert.Equal(first, second);
        Assert.All(first, i => Assert.InRange(i, 0, 19));

        var random = new Random(3);
        Assert.Equal(first, Enumerable.Range(0, 50).Select(_ => random.Next(20)));
        var other = new int[50];
        Bootstrap.Resample(other, 20, new Random(4).Next);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Percentile_interval_takes_the_two_tail_quantiles()
    {
        var sorted = Enumerable.Range(0, 101).Select(i => (double)i).ToArray();
        var (low, high) = Bootstrap.PercentileInterval(sorted, 0.95);
        Assert.Equal(2.5, low, 12);
        Assert.Equal(97.5, high, 12);
        (low, high) = Bootstrap.PercentileInterval(sorted, 0.90);
        Assert.Equal(5.0, low, 12);
        Assert.Equal(95.0, high, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => Bootstrap.PercentileInterval(sorted, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bootstrap.Resample(new int[3], 0, new Random(1).Next));
    }
}
