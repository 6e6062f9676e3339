namespace Regurgitate.Statistics;

/// <summary>The χ² distribution's upper tail (Bartlett's test of equal variances).</summary>
public static class ChiSquaredDistribution
{
    /// <summary>P(X ≥ x) for X ~ χ² with <paramref name="degreesOfFreedom"/>: the regularized upper incomplete gamma Q(ν/2, x/2).</summary>
    public static double UpperTail(double x, double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0)) throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "degrees of freedom are positive");
        if (double.IsNaN(x)) return double.NaN;
        if (x <= 0) return 1;
        double a = degreesOfFreedom / 2, z = x / 2;
        double logFront = a * Math.Log(z) - z - IncompleteBeta.LogGamma(a);
        if (z < a + 1)
        {
            // P(a, z) = e^{−z} z^a / Γ(a) · Σ z^n / (a (a+1) ... (a+n)) (A&S 6.5.29).
            double term = 1 / a, sum = term;
            for (int n = 1; n < 10_000; n++)
            {
                term *= z / (a + n);
                sum += term;
                if (term < sum * 1e-16) break;
            }
            return Math.Max(0, 1 - Math.Exp(logFront) * sum);
        }
        // Q(a, z) by its continued fraction (A&S 6.5.31), modified Lentz.
        const double tiny = 1e-300;
        double b = z + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
        for (int i = 1; i < 10_000; i++)
        {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b; if (Math.Abs(d) < tiny) d = tiny;
            c = b + an / c; if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            double step = d * c;
            h *= step;
            if (Math.Abs(step - 1) < 1e-15) break;
        }
        return Math.Exp(logFront) * h;
    }
}
