namespace Regurgitate.Statistics;

/// <summary>The standard normal distribution's CDF and quantile.</summary>
public static class NormalDistribution
{
    /// <summary>Φ(z) = ½·erfc(−z/√2).</summary>
    public static double Cdf(double z)
    {
        if (double.IsNaN(z)) return double.NaN;
        return 0.5 * Erfc(-z / Math.Sqrt(2));
    }

    /// <summary>Φ⁻¹(p) by bisection on <see cref="Cdf"/> (to 1e-12).</summary>
    public static double Quantile(double p)
    {
        if (p is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(p), p, "a probability in (0, 1)");
        double low = -40, high = 40;
        for (int i = 0; i < 200 && high - low > 1e-12; i++)
        {
            double mid = (low + high) / 2;
            if (Cdf(mid) < p) low = mid; else high = mid;
        }
        return (low + high) / 2;
    }

    // erfc(x): the Maclaurin series of erf for |x| < 2, the continued fraction
    // erfc(x) = exp(−x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...)))) beyond (A&S 7.1.14); both ~1e-15.
    static double Erfc(double x)
    {
        if (x < 0) return 2 - Erfc(-x);
        if (x < 2)
        {
            double term = x, sum = x, x2 = x * x;
            for (int n = 1; n < 200; n++)
            {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.Abs(add) < 1e-17 * Math.Abs(sum)) break;
            }
            return 1 - 2 / Math.Sqrt(Math.PI) * sum;
        }
        // Evaluate the continued fraction from the tail: K = x + (n/2)/K_next.
        double k = x;
        for (int n = 120; n >= 1; n--) k = x + n / 2.0 / k;
        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / k;
    }
}
