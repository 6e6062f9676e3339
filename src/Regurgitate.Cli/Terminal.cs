using Spectre.Console;

namespace Regurgitate.Cli;

/// <summary>Spectre.Console bound to the writer a command was given (tests pass their own).</summary>
internal static class Terminal
{
    public static IAnsiConsole AnsiConsoleFor(TextWriter output)
    {
        if (ReferenceEquals(output, Console.Out)) return AnsiConsole.Console;
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
    }
}
