namespace Regurgitate.Detection;

/// <summary>One target text the detector reads, with its id (the line number for plain text, the JSONL id otherwise).</summary>
/// <param name="Id">The segment's id in its file.</param>
/// <param name="Text">The target text.</param>
/// <param name="Source">Its source sentence, when the file carries one (synthetic JSONL).</param>
public sealed record DetectorSegment(string Id, string Text, string? Source = null);
