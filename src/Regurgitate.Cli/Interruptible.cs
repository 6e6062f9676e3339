using System.CommandLine;
using System.Runtime.CompilerServices;

namespace Regurgitate.Cli;

/// <summary>
/// Marks the commands that stop cleanly on SIGINT/SIGTERM: they observe the action's cancellation token, keep
/// what resuming needs, and end by throwing <see cref="InterruptedRunException"/> saying what was kept.
/// </summary>
public static class Interruptible
{
    static readonly ConditionalWeakTable<Command, object> Marked = new();

    /// <summary>Marks <paramref name="command"/> as stopping cleanly on a signal; returns it.</summary>
    public static Command Mark(Command command)
    {
        Marked.AddOrUpdate(command, command);
        return command;
    }

    /// <summary>Whether <paramref name="command"/> stops cleanly on a signal.</summary>
    public static bool Is(Command command) => Marked.TryGetValue(command, out _);
}
