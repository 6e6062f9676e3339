namespace Regurgitate.Reports;

/// <summary>
/// A learning curve fitted as score = a + b·ln(size) by least squares over every finished cell
/// (each seed one point): the usual shape of BLEU against data size over a decade or two of sizes.
/// </summary>
public sealed record LogLinearFit(double Intercept, double Slope, double RSquared, int Points, int MinSize, int MaxSize)
{
    /// <summary>The fitted score at <paramref name="size"/>.</summary>
    public double At(double size) => Intercept + Slope * Math.Log(size);

    /// <summary>The size at which the fitted curve reaches <paramref name="score"/> (NaN for a flat or falling curve).</summary>
    public double SizeFor(double score) => Slope > 0 ? Math.Exp((score - Intercept) / Slope) : double.NaN;

    /// <summary>The fit through (size, score) points; null with fewer than two distinct sizes.</summary>
    public static LogLinearFit? Of(IReadOnlyList<(int Size, double Score)> points)
    {
        if (points.Select(p => p.Size).Distinct().Count() < 2) return null;
        var x = points.Select(p => Math.Log(p.Size)).ToArray();
        var y = points.Select(p => p.Score).ToArray();
        double mx = x.Average(), my = y.Average();
        double sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        double slope = sxy / sxx, intercept = my - slope * mx;
        double r2 = syy == 0 ? 1 : sxy * sxy / (sxx * syy);
        return new LogLinearFit(intercept, slope, r2, points.Count, points.Min(p => p.Size), points.Max(p => p.Size));
    }
}
