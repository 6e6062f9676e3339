namespace Regurgitate.Detection;

/// <summary>
/// Platt scaling: calibrated P(human) = σ(Slope · logit(raw) + Intercept), fitted on held-out texts. A classifier
/// fitted to thousands of sparse n-gram features is overconfident on its own training texts; two parameters fitted
/// on texts it has not seen correct that without changing the ranking (AUC) when Slope is positive.
/// </summary>
/// <param name="Slope">Multiplies the raw logit.</param>
/// <param name="Intercept">Added to the scaled logit.</param>
public sealed record PlattScaling(double Slope, double Intercept)
{
    /// <summary>No change.</summary>
    public static PlattScaling Identity { get; } = new(1, 0);

    /// <summary>The calibrated probability of a raw one.</summary>
    public double Apply(double raw) => Sigmoid(Slope * Logit(raw) + Intercept);

    /// <summary>
    /// Fits the two parameters by Newton's method on the log loss, with Platt's (1999) smoothed targets
    /// (N₊+1)/(N₊+2) and 1/(N₋+2) so that a separable validation set does not drive the slope to infinity.
    /// </summary>
    public static PlattScaling Fit(IReadOnlyList<double> raw, IReadOnlyList<bool> isHuman)
    {
        int positives = isHuman.Count(h => h), negatives = isHuman.Count - positives;
        if (positives == 0 || negatives == 0) return Identity;
        double hiTarget = (positives + 1.0) / (positives + 2.0), loTarget = 1.0 / (negatives + 2.0);
        var x = raw.Select(Logit).ToArray();
        var t = isHuman.Select(h => h ? hiTarget : loTarget).ToArray();
        // Start from a flat fit (where the Hessian is well-conditioned) and halve Newton steps that do not lower the
        // loss, as Platt's and Lin et al.'s (2007) implementations do: a full step from saturated scores overshoots.
        double a = 0, b = 0, loss = Loss(x, t, a, b);
        for (int iteration = 0; iteration < 100; iteration++)
        {
            double ga = 0, gb = 0, haa = 1e-12, hab = 0, hbb = 1e-12;
            for (int i = 0; i < x.Length; i++)
            {
                double p = Sigmoid(a * x[i] + b), d = p - t[i], w = p * (1 - p);
                ga += d * x[i]; gb += d;
                haa += w * x[i] * x[i]; hab += w * x[i]; hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (det <= 0) break;
            double da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
            double step = 1, next = double.PositiveInfinity;
            for (; step > 1e-10; step /= 2)
            {
                next = Loss(x, t, a - step * da, b - step * db);
                if (next < loss + 1e-4 * step * (ga * -da + gb * -db)) break;
            }
            if (step <= 1e-10) break;
            a -= step * da; b -= step * db;
            bool converged = loss - next < 1e-12;
            loss = next;
            if (converged) break;
        }
        return double.IsFinite(a) && double.IsFinite(b) ? new PlattScaling(a, b) : Identity;
    }

    static double Loss(double[] x, double[] t, double a, double b)
    {
        double loss = 0;
        for (int i = 0; i < x.Length; i++)
        {
            // Log loss in the numerically stable form: log(1 + e^z) − t·z.
            double z = a * x[i] + b;
            loss += (z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z))) - t[i] * z;
        }
        return loss;
    }

    static double Logit(double p)
    {
        double q = Math.Clamp(p, 1e-7, 1 - 1e-7);
        return Math.Log(q / (1 - q));
    }

    static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
