using Regurgitate.Statistics;

namespace Regurgitate.Tests.Statistics;

public class StudentTTests
{
    [Theory]
    [InlineData(1, 12.706)]
    [InlineData(2, 4.303)]
    [InlineData(12, 2.179)]
    [InlineData(30, 2.042)]
    public void Tabulated_quantiles_are_the_standard_table_values(int degreesOfFreedom, double expected) =>
        Assert.Equal(expected, StudentT.Quantile975(degreesOfFreedom));

    [Theory]
    [InlineData(40, 2.021)]
    [InlineData(60, 2.000)]
    [InlineData(120, 1.980)]
    public void Beyond_the_table_the_expansion_agrees_with_the_table_to_three_decimals(int degreesOfFreedom, double expected) =>
        Assert.Equal(expected, StudentT.Quantile975(degreesOfFreedom), 1e-3);

    [Fact]
    public void Large_samples_approach_the_normal_quantile()
    {
        Assert.Equal(1.959964, StudentT.Quantile975(1_000_000), 1e-5);
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile975(0));
    }
}
