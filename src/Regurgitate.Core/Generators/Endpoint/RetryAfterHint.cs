using System.ClientModel;
using System.Globalization;

namespace Regurgitate.Generators;

/// <summary>The wait a server asked for in a failed reply: OpenAI's retry-after-ms first, then the standard Retry-After (seconds or an HTTP date).</summary>
public static class RetryAfterHint
{
    /// <summary>The wait <paramref name="e"/>'s reply asked for, or null when it named none.</summary>
    public static TimeSpan? Of(ClientResultException e)
    {
        var headers = e.GetRawResponse()?.Headers;
        if (headers == null) return null;
        if (headers.TryGetValue("retry-after-ms", out string? ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out double millis) && millis >= 0)
            return TimeSpan.FromMilliseconds(millis);
        if (!headers.TryGetValue("Retry-After", out string? value) || value == null) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds >= 0)
            return TimeSpan.FromSeconds(seconds);
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
        {
            var wait = when - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }
}
