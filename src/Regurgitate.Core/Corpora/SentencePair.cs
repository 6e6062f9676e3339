namespace Regurgitate.Corpora;

/// <summary>One source sentence and its translation, with who made the translation.</summary>
/// <param name="Source">Source-language text.</param>
/// <param name="Target">Target-language text.</param>
/// <param name="Provenance">Who made <paramref name="Target"/>.</param>
/// <param name="Id">A stable identifier within its corpus (e.g. the 1-based line number), if known.</param>
public sealed record SentencePair(string Source, string Target, Provenance Provenance, string? Id = null);
