using System.Globalization;

namespace Regurgitate.IO;

/// <summary>
/// How often a <see cref="WorkClaim"/>'s holder shows it is alive, and how long others wait for a sign of life
/// before they take its work over. The expiry allows for slow shared filesystems, whose clients may cache a
/// file for tens of seconds; <c>REGURG_CLAIM_EXPIRY</c> (seconds) sets it for a cluster that needs another.
/// </summary>
/// <param name="Heartbeat">Interval between the holder's rewrites of its claim.</param>
/// <param name="Expiry">How long an unchanged claim of another host's process is trusted.</param>
/// <param name="Poll">How often a waiting process looks again.</param>
public sealed record ClaimTiming(TimeSpan Heartbeat, TimeSpan Expiry, TimeSpan Poll)
{
    /// <summary>The variable that overrides the expiry.</summary>
    public const string ExpiryVariable = "REGURG_CLAIM_EXPIRY";

    /// <summary>Heartbeat every 15 s, expiry after 120 s, polling every second.</summary>
    public static ClaimTiming Default { get; } = new(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(1));

    /// <summary>The default, with the expiry from <see cref="ExpiryVariable"/> when set (the heartbeat is an eighth of it).</summary>
    public static ClaimTiming FromEnvironment()
    {
        string? value = Environment.GetEnvironmentVariable(ExpiryVariable);
        if (string.IsNullOrWhiteSpace(value)) return Default;
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || seconds is < 1 or > 86400)
            throw new InputException($"{ExpiryVariable}={value} is not a number of seconds between 1 and 86400");
        var expiry = TimeSpan.FromSeconds(seconds);
        return Default with { Expiry = expiry, Heartbeat = expiry / 8 };
    }
}
