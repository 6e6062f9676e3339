using Regurgitate.Statistics;

namespace Regurgitate.Tests.Statistics;

public class DistributionTests
{
    [Fact]
    public void Student_t_cdf_and_quantiles_match_tables()
    {
        Assert.Equal(0.9490302605850709, TDistribution.Cdf(2, 5), 10);
        Assert.Equal(1 - 0.9490302605850709, TDistribution.Cdf(-2, 5), 10);
        Assert.Equal(0.5, TDistribution.Cdf(0, 3), 12);
        // t(0.975, 1) = tan(0.475π), the Cauchy quantile.
        Assert.Equal(Math.Tan(0.475 * Math.PI), TDistribution.Quantile(0.975, 1), 6);
        for (int df = 1; df <= 30; df++)
            Assert.Equal(StudentT.Quantile975(df), TDistribution.Quantile(0.975, df), 3);
        Assert.Equal(0.05, TDistribution.TwoSidedP(TDistribution.Quantile(0.975, 7.3), 7.3), 9);
        Assert.Equal(-TDistribution.Quantile(0.9, 4), TDistribution.Quantile(0.1, 4), 9);
    }

    [Fact]
    public void Normal_cdf_and_quantile_match_known_values()
    {
        Assert.Equal(0.975, NormalDistribution.Cdf(1.959963984540054), 12);
        Assert.Equal(0.15865525393145707, NormalDistribution.Cdf(-1), 12);
        Assert.Equal(3.1671241833119863e-05, NormalDistribution.Cdf(-4), 15);
        Assert.Equal(1.959963984540054, NormalDistribution.Quantile(0.975), 9);
        Assert.Equal(NormalDistribution.Cdf(1.5), TDistribution.Cdf(1.5, 1e9), 9);
    }

    [Fact]
    public void Chi_squared_upper_tail_matches_tables()
    {
        Assert.Equal(0.05, ChiSquaredDistribution.UpperTail(3.841458820694124, 1), 9);
        Assert.Equal(0.05, ChiSquaredDistribution.UpperTail(7.814727903251178, 3), 9);
        Assert.Equal(0.01, ChiSquaredDistribution.UpperTail(23.209251158954356, 10), 9);
        // χ²(2) is exponential with mean 2.
        Assert.Equal(Math.Exp(-0.7), ChiSquaredDistribution.UpperTail(1.4, 2), 12);
        Assert.Equal(1, ChiSquaredDistribution.UpperTail(0, 4));
    }

    [Fact]
    public void Incomplete_beta_at_known_points()
    {
        // I_x(1, 1) = x, I_x(a, 1) = x^a, symmetry I_x(a, b) = 1 − I_{1−x}(b, a).
        Assert.Equal(0.3, IncompleteBeta.Regularized(0.3, 1, 1), 12);
        Assert.Equal(Math.Pow(0.6, 3.5), IncompleteBeta.Regularized(0.6, 3.5, 1), 12);
        Assert.Equal(1 - IncompleteBeta.Regularized(0.8, 4, 2.5), IncompleteBeta.Regularized(0.2, 2.5, 4), 12);
        Assert.Equal(Math.Log(120), IncompleteBeta.LogGamma(6), 12);
    }
}
