namespace Regurgitate.FineTuning;

/// <summary>One event in a fine-tuning job's log.</summary>
/// <param name="Id">The event id.</param>
/// <param name="CreatedAt">When it happened.</param>
/// <param name="Level">"info", "warn" or "error".</param>
/// <param name="Message">What happened.</param>
public sealed record FineTuningEventRecord(string Id, DateTimeOffset CreatedAt, string Level, string Message);
