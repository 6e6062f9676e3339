namespace Regurgitate.Statistics;

/// <summary>One condition (one cell: condition × size) as its trained seeds' sentence statistics on the shared test set.</summary>
public sealed record ConditionSeeds(string Name, IReadOnlyList<SentenceStatistics> Seeds);
