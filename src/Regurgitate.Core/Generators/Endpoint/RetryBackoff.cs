namespace Regurgitate.Generators;

/// <summary>
/// How long to wait before retry number n: exponential back-off with full jitter
/// (a uniform draw in [0, min(max, base·2ⁿ)]), so many clients that failed together do not
/// retry together; a server's Retry-After, when given, is honoured as the floor.
/// </summary>
/// <param name="BaseDelay">The back-off scale for the first retry.</param>
/// <param name="MaxDelay">The cap on any single wait, Retry-After included.</param>
public sealed record RetryBackoff(TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>0.5 s doubling up to 60 s.</summary>
    public static RetryBackoff Default { get; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60));

    /// <summary>The wait before retry <paramref name="retry"/> (1-based).</summary>
    public TimeSpan Delay(int retry, TimeSpan? retryAfter, Random random)
    {
        double ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, retry - 1)));
        double jittered = random.NextDouble() * ceiling;
        if (retryAfter is TimeSpan after)
            // The server said when; waiting less would only earn another 429. A little jitter on top spreads clients.
            jittered = Math.Min(MaxDelay.TotalMilliseconds, after.TotalMilliseconds + random.NextDouble() * BaseDelay.TotalMilliseconds * 0.1);
        return TimeSpan.FromMilliseconds(jittered);
    }
}
