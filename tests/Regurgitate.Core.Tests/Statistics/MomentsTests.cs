using Regurgitate.Statistics;

namespace Regurgitate.Tests.Statistics;

public class MomentsTests
{
    [Fact]
    public void Standard_deviations_divide_by_n_minus_one_or_by_n()
    {
        double[] values = [2, 4, 4, 4, 5, 5, 7, 9];
        Assert.Equal(2.0, Moments.PopulationStandardDeviation(values, values.Average()), 12);
        Assert.Equal(Math.Sqrt(32.0 / 7), Moments.SampleStandardDeviation(values, values.Average()), 12);
        Assert.True(double.IsNaN(Moments.SampleStandardDeviation([3.0], 3)));
    }
}
