using Regurgitate.RunDirectories;

namespace Regurgitate.Reports;

/// <summary>
/// Which conditions are mitigation strategies, and the baselines each is compared with at equal size: human
/// data; the same generator's data in the pool's random order (for strategies that order or weight one
/// generator's pairs); and the best single generator at that size (the `synthetic` condition with the highest
/// mean BLEU there, chosen after the fact, so the comparison favours the baseline, not the strategy).
/// </summary>
public static class StrategyBaselines
{
    /// <summary>The baseline role of human data.</summary>
    public const string Human = "human data";
    /// <summary>The baseline role of the same generator's pairs in pool order.</summary>
    public const string PoolOrder = "same data, random order";
    /// <summary>The baseline role of the best `synthetic` condition at a size.</summary>
    public const string BestSingle = "best single generator";

    /// <summary>Condition types that curate or combine generated data (the paper's mitigations).</summary>
    public static readonly IReadOnlySet<string> StrategyTypes = new HashSet<string>(StringComparer.Ordinal) { "ordered", "ranked", "weighted", "mix", "multi" };

    // Types that choose among one generator's pairs: their natural control is that generator's pairs unchosen.
    static readonly IReadOnlySet<string> SelectingTypes = new HashSet<string>(StringComparer.Ordinal) { "ordered", "ranked", "weighted" };

    /// <summary>The (role, baseline condition) pairs for <paramref name="strategy"/> at <paramref name="size"/>.</summary>
    public static IReadOnlyList<(string Role, string Baseline)> For(CellResult strategy, int size, IReadOnlyList<CellResult> cells)
    {
        var baselines = new List<(string, string)>();
        if (cells.Any(c => c.Condition == StudyAnalysis.Human && c.Size == size && c.Done)) baselines.Add((Human, StudyAnalysis.Human));
        var synthetic = cells.Where(c => c.ConditionType == "synthetic" && c.Size == size && c.Done).ToList();
        if (SelectingTypes.Contains(strategy.ConditionType) && strategy.Generators.Count == 1
            && synthetic.FirstOrDefault(c => c.Generators.SequenceEqual(strategy.Generators)) is { } same)
            baselines.Add((PoolOrder, same.Condition));
        var best = synthetic.GroupBy(c => c.Condition).OrderByDescending(g => g.Average(c => c.Bleu!.Value)).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
        if (best != null) baselines.Add((BestSingle, best.Key));
        return baselines;
    }
}
