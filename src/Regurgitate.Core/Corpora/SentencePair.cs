namespace Regurgitate.Corpora;

/// <summary>One source sentence and its translation, with who made the translation.</summary>
/// <param name="Source">Source-language text.</param>
/// <param name="Target">Target-language text.</param>
/// <param name="Provenance">Who made <paramref name="Target"/>.</param>
/// <param name="Id">A stable identifier within its corpus (e.g. the 1-based line number), if known.</param>
/// <param name="Meta">
/// Extra fields carried through unchanged as compact JSON object text (the JSONL <c>meta</c> object), or null.
/// Kept as text so records compare by value and formats that cannot hold it can simply drop it.
/// </param>
public sealed record SentencePair(string Source, string Target, Provenance Provenance, string? Id = null, string? Meta = null);
