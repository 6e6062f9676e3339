using Regurgitate.Metrics.Significance;

namespace Regurgitate.Tests.Metrics;

/// <summary>Draws pinned from NumPy 1.24 (<c>np.random.default_rng(seed)</c>) on Debian 12.</summary>
public class NumpyRandomTests
{
    [Fact]
    public void Raw_pcg64_output_matches_numpy_default_rng_12345()
    {
        var random = new NumpyRandom(12345);
        Assert.Equal(4193609425186963869UL, random.NextUInt64());
        Assert.Equal(5843160025838961886UL, random.NextUInt64());
        Assert.Equal(14708796524633321433UL, random.NextUInt64());
    }

    [Fact]
    public void Boolean_matrix_matches_numpy_integers_2_bool()
    {
        var random = new NumpyRandom(12345);
        var row1 = new bool[40];
        var row2 = new bool[40];
        random.Booleans(row1);
        random.Booleans(row2);
        Assert.Equal("1011100110000011111111110100110110110001", string.Concat(row1.Select(b => b ? '1' : '0')));
        Assert.Equal("1000110101001100010111000111101100100011", string.Concat(row2.Select(b => b ? '1' : '0')));
    }
}
