using System.Runtime.InteropServices;

namespace Regurgitate.Cli;

/// <summary>
/// Turns SIGINT and SIGTERM into one <see cref="CancellationToken"/> for a command that stops cleanly when
/// asked (train, generate, serve, study run): the first signal cancels the token and the process lives on
/// to save what resuming needs; a second one ends it at once. Commands that cannot stop cleanly keep the
/// default (the process ends at the signal) and only get one line saying nothing was kept.
/// </summary>
public sealed class SignalCancellation : IDisposable
{
    readonly CancellationTokenSource source = new();
    readonly List<PosixSignalRegistration> registrations = [];
    readonly bool cooperative;
    readonly TextWriter error;
    int received;

    /// <summary>Starts listening.</summary>
    /// <param name="cooperative">The command observes <see cref="Token"/> and stops cleanly; otherwise the signal ends the process.</param>
    /// <param name="error">Where the one line about the signal goes.</param>
    public SignalCancellation(bool cooperative, TextWriter error)
    {
        this.cooperative = cooperative;
        this.error = error;
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            try { registrations.Add(PosixSignalRegistration.Create(signal, Handle)); }
            catch (PlatformNotSupportedException) { }
        }
    }

    /// <summary>Cancelled at the first SIGINT or SIGTERM.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>The first signal received, if any.</summary>
    public PosixSignal? Signal { get; private set; }

    /// <summary>The conventional exit code of a process ended by <see cref="Signal"/> (128 + its number): 130 for SIGINT, 143 for SIGTERM.</summary>
    public int ExitCode => ExitCodeOf(Signal ?? PosixSignal.SIGINT);

    /// <summary>128 + the signal's number.</summary>
    public static int ExitCodeOf(PosixSignal signal) => signal == PosixSignal.SIGTERM ? 143 : 130;

    /// <summary>The signal's usual name.</summary>
    public static string NameOf(PosixSignal signal) => signal == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT";

    void Handle(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref received) == 1)
        {
            Signal = context.Signal;
            if (cooperative)
            {
                context.Cancel = true; // keep the process: the command saves and returns
                lock (error) error.WriteLine($"regurg: {NameOf(context.Signal)} received; stopping after the work in flight (again to stop at once)");
            }
            else
            {
                lock (error) error.WriteLine($"regurg: interrupted by {NameOf(context.Signal)}; nothing kept (outputs are written only when complete)");
            }
            source.Cancel();
        }
        // A second signal: let the default end the process.
    }

    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
        source.Dispose();
    }
}
