namespace Regurgitate.Corpora.Datasets;

/// <summary>One split of a dataset: its name, the directions it offers, and its size in pairs.</summary>
public sealed record DatasetSplit(string Name, IReadOnlyList<LanguagePair> LanguagePairs, long? Pairs, string? Note = null);
