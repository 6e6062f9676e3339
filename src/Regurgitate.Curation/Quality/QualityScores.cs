using Regurgitate.Errors;

namespace Regurgitate.Quality;

/// <summary>
/// Per-pair quality of a synthetic corpus, column by column: the pairs' ids and targets, each score's values
/// (null: not available), the error flags that gate `combined`, and `combined` itself. Higher is better throughout.
/// </summary>
/// <param name="Ids">The pairs' ids, in corpus order.</param>
/// <param name="Targets">The scored targets, in the same order.</param>
/// <param name="Names">The scores computed, in output order (`combined` not included).</param>
/// <param name="Values">Each score's values by name, one per pair.</param>
/// <param name="Flags">The reference-free error flags of each pair.</param>
/// <param name="Combined">The combined value of each pair (<see cref="CombinedQuality"/>).</param>
public sealed record QualityScores(
    IReadOnlyList<long> Ids,
    IReadOnlyList<string> Targets,
    IReadOnlyList<string> Names,
    IReadOnlyDictionary<string, IReadOnlyList<double?>> Values,
    IReadOnlyList<ErrorFlags> Flags,
    IReadOnlyList<double> Combined)
{
    /// <summary>Number of pairs.</summary>
    public int Count => Ids.Count;

    /// <summary>The values of <paramref name="name"/>, `combined` included.</summary>
    public IReadOnlyList<double?> Of(string name) =>
        name == QualityScoreNames.Combined ? Combined.Select(c => (double?)c).ToList()
        : Values.TryGetValue(name, out var values) ? values
        : throw new KeyNotFoundException($"no score '{name}' was computed");

    /// <summary>Pool positions best first by <paramref name="name"/> (default `combined`), for ordered training.</summary>
    public int[] BestFirst(string name = QualityScoreNames.Combined) => QualityOrder.BestFirst(Of(name));
}
