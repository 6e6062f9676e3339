namespace Regurgitate.Studies;

/// <summary>What conditions compose from: the student pool (seeded order) and every generator's targets for it.</summary>
/// <param name="Sources">Pool sources, in pool order (the first n are the size-n sources).</param>
/// <param name="HumanTargets">Their human targets.</param>
/// <param name="Generated">Per generator, its target for each source (null where it failed).</param>
public sealed record ConditionInputs(IReadOnlyList<string> Sources, IReadOnlyList<string> HumanTargets, IReadOnlyDictionary<string, IReadOnlyList<string?>> Generated)
{
    /// <summary>Per <see cref="PairScoreRequest.Id"/>, the score of each pool position (null where there is none).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double?>> Scores { get; init; } = new Dictionary<string, IReadOnlyList<double?>>();

    /// <summary>The target of <paramref name="origin"/> ("human" or a generator) for source <paramref name="index"/>.</summary>
    public string? Target(string origin, int index) => origin == HumanCondition.Origin ? HumanTargets[index] : Generated[origin][index];
}
