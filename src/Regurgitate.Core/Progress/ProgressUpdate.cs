namespace Regurgitate.Progress;

/// <summary>
/// How far a long task has come. Libraries report through <see cref="IProgress{T}"/> of this;
/// the CLI shows a bar on a terminal and plain lines (rate, ETA) in logs.
/// </summary>
/// <param name="Task">What is being done, e.g. "train epoch 3" or "generate".</param>
/// <param name="Done">Units done so far.</param>
/// <param name="Total">Units in all, when known.</param>
/// <param name="Unit">The unit's name, e.g. "segments", "tokens", "steps".</param>
/// <param name="Detail">A short status, e.g. "loss 3.21", shown after the numbers.</param>
public sealed record ProgressUpdate(string Task, long Done, long? Total, string Unit, string? Detail = null);
