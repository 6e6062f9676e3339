namespace Regurgitate.Quality;

/// <summary>Orders a pool of pairs by quality for ordered (best-first) training.</summary>
public static class QualityOrder
{
    /// <summary>
    /// Pool positions best first: by descending score, ties (and missing or NaN scores, which come last) in
    /// original order. Deterministic; the n best pairs are the first n positions.
    /// </summary>
    public static int[] BestFirst(IReadOnlyList<double?> scores)
    {
        var positions = Enumerable.Range(0, scores.Count).ToArray();
        static double Key(double? s) => s is double v && !double.IsNaN(v) ? v : double.NegativeInfinity;
        // OrderBy is a stable sort: equal keys keep their original order.
        bool Missing(int i) => scores[i] is not double v || double.IsNaN(v);
        return positions.OrderBy(Missing).ThenByDescending(i => Key(scores[i])).ToArray();
    }

    /// <summary><see cref="BestFirst(IReadOnlyList{double?})"/> of non-nullable scores.</summary>
    public static int[] BestFirst(IReadOnlyList<double> scores) => BestFirst(scores.Select(s => (double?)s).ToList());
}
