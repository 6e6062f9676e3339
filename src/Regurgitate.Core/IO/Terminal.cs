using Spectre.Console;

namespace Regurgitate.IO;

/// <summary>Spectre.Console bound to the writer a report is written to (the console, a file, or a test's writer).</summary>
public static class Terminal
{
    /// <summary>
    /// A console writing to <paramref name="output"/>. With <paramref name="wide"/>, a file or test writer
    /// (which has no width of its own; Spectre would assume 80 columns and wrap) gets 160 columns.
    /// </summary>
    public static IAnsiConsole AnsiConsoleFor(TextWriter output, bool wide = false)
    {
        var console = ReferenceEquals(output, Console.Out) ? AnsiConsole.Console : AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (wide && (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected)) console.Profile.Width = Math.Max(console.Profile.Width, 160);
        return console;
    }
}
