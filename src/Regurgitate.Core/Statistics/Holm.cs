namespace Regurgitate.Statistics;

/// <summary>Holm's (1979) step-down adjustment of a family's p-values: it controls the family-wise error rate under any dependence.</summary>
public static class Holm
{
    /// <summary>
    /// Adjusted p-values in input order: with p₍₁₎ ≤ … ≤ p₍ₘ₎, p̃₍ᵢ₎ = max over j ≤ i of min(1, (m − j + 1) p₍ⱼ₎).
    /// Rejecting where p̃ &lt; α is Holm's procedure at level α. A NaN p (an undecidable comparison) counts in
    /// m, is ordered last and stays NaN.
    /// </summary>
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        int m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => double.IsNaN(pValues[i]) ? double.PositiveInfinity : pValues[i]).ToArray();
        var adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++)
        {
            int i = order[rank];
            if (double.IsNaN(pValues[i])) { adjusted[i] = double.NaN; continue; }
            running = Math.Max(running, Math.Min(1, (m - rank) * pValues[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
