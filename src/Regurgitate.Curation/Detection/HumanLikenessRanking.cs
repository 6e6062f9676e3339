using Regurgitate.Quality;

namespace Regurgitate.Detection;

/// <summary>Ranked inclusion: the pairs ordered by P(human), most human-like first, for taking the top n.</summary>
public static class HumanLikenessRanking
{
    /// <summary>Indices of <paramref name="probabilityHuman"/> from highest to lowest; ties keep their original order.</summary>
    public static int[] Order(IReadOnlyList<double> probabilityHuman) => QualityOrder.BestFirst(probabilityHuman);

    /// <summary>The <paramref name="count"/> most human-like indices, best first.</summary>
    public static int[] Top(IReadOnlyList<double> probabilityHuman, int count)
    {
        if (count < 0 || count > probabilityHuman.Count)
            throw new InputException($"cannot take the top {count} of {probabilityHuman.Count} pairs");
        return [.. Order(probabilityHuman).Take(count)];
    }
}
