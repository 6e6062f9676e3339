using Regurgitate.RunDirectories;

namespace Regurgitate.Reports;

/// <summary>
/// Which conditions are mitigation strategies, and the baselines each is compared with at equal size: human
/// data; the same generator's data in the pool's random order (for strategies that order or weight one
/// generator's pairs); and the best single generator, chosen without the test set: the `synthetic` condition
/// whose training targets agree best (chrF) with the human targets of the same sources.
/// </summary>
public static class StrategyBaselines
{
    /// <summary>The baseline role of human data.</summary>
    public const string Human = "human data";
    /// <summary>The baseline role of the same generator's pairs in pool order.</summary>
    public const string PoolOrder = "same data, random order";
    /// <summary>The baseline role of the best `synthetic` condition.</summary>
    public const string BestSingle = "best single generator";
    /// <summary>The baseline role of human targets chosen by the same ordering from the same pool (a `pruned-human` condition).</summary>
    public const string PrunedHuman = "pruned human data, same ordering and pool";
    /// <summary>The baseline role of the same generator's pairs ordered by their chrF against the human targets (an `oracle` condition).</summary>
    public const string Oracle = "oracle ordering, same pool";

    /// <summary>Condition types that curate or combine generated data (the paper's mitigations).</summary>
    public static readonly IReadOnlySet<string> StrategyTypes = new HashSet<string>(StringComparer.Ordinal) { "ordered", "ranked", "weighted", "mix", "multi" };

    /// <summary>Types that choose n pairs out of the whole student pool, not its first n.</summary>
    public static readonly IReadOnlySet<string> SelectingTypes = new HashSet<string>(StringComparer.Ordinal) { "ordered", "ranked", "weighted", "pruned-human", "oracle" };

    /// <summary>A baseline of a strategy: its role, its condition, and why its pool differs from the strategy's (null when it does not).</summary>
    public sealed record Baseline(string Role, string Condition, string? UnequalPool);

    /// <summary>
    /// The baselines of <paramref name="strategy"/> at <paramref name="size"/>. <paramref name="data"/> (data.jsonl) gives each
    /// condition's pool and ordering, which pair a selecting strategy with its equal-pool controls, and
    /// <paramref name="trainingChrf"/> each condition's training targets' chrF against the human targets, which picks the best
    /// single generator (without it there is no such baseline).
    /// </summary>
    public static IReadOnlyList<Baseline> For(CellResult strategy, int size, IReadOnlyList<CellResult> cells, IReadOnlyList<DataRow> data,
        IReadOnlyDictionary<string, double> trainingChrf)
    {
        var baselines = new List<Baseline>();
        bool Ran(string condition) => cells.Any(c => c.Condition == condition && c.Size == size && c.Done);
        var row = data.FirstOrDefault(d => d.Condition == strategy.Condition);
        bool selects = SelectingTypes.Contains(strategy.ConditionType);
        // Human data and `synthetic` take the pool's first n pairs; a selecting strategy picks its n out of the whole pool.
        string? firstN = !selects ? null
            : row?.Pool is int pool ? $"{strategy.Condition} chooses {size:N0} of {pool:N0} pairs; the baseline takes the pool's first {size:N0}"
            : $"{strategy.Condition} chooses its {size:N0} pairs from the whole student pool; the baseline takes the pool's first {size:N0}";
        if (Ran(StudyAnalysis.Human)) baselines.Add(new(Human, StudyAnalysis.Human, firstN));
        var synthetic = cells.Where(c => c.ConditionType == "synthetic" && c.Size == size && c.Done).ToList();
        if (selects && strategy.Generators.Count == 1 && synthetic.FirstOrDefault(c => c.Generators.SequenceEqual(strategy.Generators)) is { } same)
            baselines.Add(new(PoolOrder, same.Condition, firstN));
        var best = synthetic.Select(c => c.Condition).Distinct().Where(trainingChrf.ContainsKey)
            .OrderByDescending(c => trainingChrf[c]).ThenBy(c => c, StringComparer.Ordinal).FirstOrDefault();
        if (best != null && baselines.All(b => b.Condition != best)) baselines.Add(new(BestSingle, best, firstN));
        if (selects && row?.Pool is int strategyPool)
        {
            // Equal-pool controls: the same ordering on human targets, and the oracle ordering of the same generator's pairs.
            foreach (var control in data.Where(d => d.Pool == strategyPool && Ran(d.Condition)))
            {
                if (control.ConditionType == "pruned-human" && control.Ordering != null && control.Ordering == row.Ordering)
                    baselines.Add(new(PrunedHuman, control.Condition, null));
                else if (control.ConditionType == "oracle" && control.Condition != strategy.Condition && control.Generators.SequenceEqual(strategy.Generators))
                    baselines.Add(new(Oracle, control.Condition, null));
            }
        }
        return baselines;
    }
}
