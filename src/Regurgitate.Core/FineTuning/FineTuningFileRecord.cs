namespace Regurgitate.FineTuning;

/// <summary>A file uploaded to the provider.</summary>
/// <param name="Id">The file id, e.g. "file-abc123".</param>
/// <param name="Filename">The name it was uploaded under.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Purpose">What it is for, e.g. "fine-tune".</param>
public sealed record FineTuningFileRecord(string Id, string Filename, long Bytes, string Purpose);
