namespace Regurgitate.Statistics;

/// <summary>Quantiles of Student's t distribution used for 95% intervals (tabulated to 3 decimals up to 30 degrees of freedom).</summary>
public static class StudentT
{
    // t(0.975, df) for df = 1..30 (standard tables, 3 decimals).
    static readonly double[] Table =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <summary>The 97.5th percentile of t with <paramref name="degreesOfFreedom"/> degrees of freedom.</summary>
    public static double Quantile975(int degreesOfFreedom)
    {
        if (degreesOfFreedom < 1) throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom));
        if (degreesOfFreedom <= Table.Length) return Table[degreesOfFreedom - 1];
        // Cornish-Fisher expansion around the normal quantile (Abramowitz & Stegun 26.7.5); error < 1e-4 for df > 30.
        const double z = 1.959963984540054;
        double v = degreesOfFreedom, z3 = z * z * z, z5 = z3 * z * z;
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v);
    }
}
