namespace Regurgitate.Statistics;

/// <summary>Student's t distribution with real-valued degrees of freedom (Welch–Satterthwaite df are not integers).</summary>
public static class TDistribution
{
    /// <summary>P(T ≤ t) for <paramref name="degreesOfFreedom"/> &gt; 0 (infinity: the normal distribution).</summary>
    public static double Cdf(double t, double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0)) throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "degrees of freedom are positive");
        if (double.IsNaN(t)) return double.NaN;
        if (double.IsPositiveInfinity(degreesOfFreedom) || degreesOfFreedom > 1e7) return NormalDistribution.Cdf(t);
        // P(|T| > |t|) = I_{ν/(ν+t²)}(ν/2, 1/2).
        double tail = 0.5 * IncompleteBeta.Regularized(degreesOfFreedom / (degreesOfFreedom + t * t), degreesOfFreedom / 2, 0.5);
        return t < 0 ? tail : 1 - tail;
    }

    /// <summary>The two-sided p-value of a t statistic: P(|T| ≥ |t|).</summary>
    public static double TwoSidedP(double t, double degreesOfFreedom)
    {
        if (double.IsNaN(t)) return double.NaN;
        if (double.IsPositiveInfinity(degreesOfFreedom) || degreesOfFreedom > 1e7) return 2 * NormalDistribution.Cdf(-Math.Abs(t));
        return IncompleteBeta.Regularized(degreesOfFreedom / (degreesOfFreedom + t * t), degreesOfFreedom / 2, 0.5);
    }

    /// <summary>The <paramref name="p"/> quantile, by bisection on <see cref="Cdf"/> (to 1e-10).</summary>
    public static double Quantile(double p, double degreesOfFreedom)
    {
        if (p is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(p), p, "a probability in (0, 1)");
        if (p < 0.5) return -Quantile(1 - p, degreesOfFreedom);
        double low = 0, high = 1;
        while (Cdf(high, degreesOfFreedom) < p) high *= 2;
        while (high - low > 1e-10 * Math.Max(1, high))
        {
            double mid = (low + high) / 2;
            if (Cdf(mid, degreesOfFreedom) < p) low = mid; else high = mid;
        }
        return (low + high) / 2;
    }
}
