namespace Regurgitate.Statistics;

/// <summary>Ranks of values with ties given their average rank ("fractional" ranking).</summary>
public static class Ranks
{
    /// <summary>1-based ranks of <paramref name="values"/> in input order; tied values share the mean of their ranks.</summary>
    public static double[] Of(IReadOnlyList<double> values)
    {
        // OrderBy is stable, so equal values keep their input order; the tie rank does not depend on it.
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            double rank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) ranks[order[k]] = rank;
            start = end + 1;
        }
        return ranks;
    }
}
