namespace Regurgitate.Generators;

/// <summary>One retry an endpoint generator decided to make: which segment, why, and how long it waits first.</summary>
/// <param name="Segment">Index of the source within the call.</param>
/// <param name="Retry">1 for the first retry.</param>
/// <param name="Reason">What went wrong, e.g. "HTTP 429", "timeout after 30 s", "malformed reply".</param>
/// <param name="Delay">The back-off before the retry.</param>
/// <param name="RetryAfter">The server's Retry-After, when it sent one.</param>
public sealed record RetryAttempt(int Segment, int Retry, string Reason, TimeSpan Delay, TimeSpan? RetryAfter);
