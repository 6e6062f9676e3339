using System.CommandLine;
using System.Reflection;
using Regurgitate.Cli.Commands;

namespace Regurgitate.Cli;

/// <summary>The `regurg` command tree and how its outcomes map to exit codes.</summary>
public static class CommandLine
{
    /// <summary>Exit code for bad input (a file, a line, an option): see <see cref="InputException"/>.</summary>
    public const int BadInputExitCode = 2;

    /// <summary>
    /// The version `regurg --version` prints (the informational version, with the commit when the build knows it),
    /// so that `doctor` says the same.
    /// </summary>
    public static string Version { get; } =
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CommandLine).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>Builds the full command tree.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("Regurgitate: study what training on model-generated data does to translation models.");
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(CorpusCommand.Create());
        root.Subcommands.Add(TokenizerCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(TranslateCommand.Create());
        root.Subcommands.Add(ScoreCommand.Create());
        root.Subcommands.Add(DiversityCommand.Create());
        root.Subcommands.Add(ErrorsCommand.Create());
        root.Subcommands.Add(QualityCommand.Create());
        root.Subcommands.Add(DetectorCommand.Create());
        root.Subcommands.Add(InterveneCommand.Create());
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(FinetuneCommand.Create());
        root.Subcommands.Add(StudyCommand.Create());
        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>; input errors print one line and give exit code 2. SIGINT/SIGTERM
    /// cancel the token of commands marked <see cref="Interruptible"/>, which keep what resuming needs; the run then
    /// ends with one line saying what was kept and exit code 130 (SIGINT) or 143 (SIGTERM).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        // Our own signal handling replaces System.CommandLine's, which only starts once a synchronous action has
        // already finished, and which would end the process 2 s after the signal even while a checkpoint is saved.
        var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        if (stdout != null) configuration.Output = stdout;
        if (stderr != null) configuration.Error = stderr;
        var error = stderr ?? Console.Error;
        try
        {
            var parsed = Build().Parse(args);
            using var signals = new SignalCancellation(Interruptible.Is(parsed.CommandResult.Command), error);
            try
            {
                int code = await parsed.InvokeAsync(configuration, signals.Token);
                if (signals.Signal != null) return signals.ExitCode;
                // Parse errors (unknown option, missing value) are input errors too.
                return parsed.Errors.Count > 0 ? BadInputExitCode : code;
            }
            catch (OperationCanceledException e) when (signals.Signal is { } signal)
            {
                error.WriteLine(e is InterruptedRunException
                    ? $"regurg: interrupted by {SignalCancellation.NameOf(signal)}; {e.Message}"
                    : $"regurg: interrupted by {SignalCancellation.NameOf(signal)}");
                return signals.ExitCode;
            }
        }
        catch (InputException e)
        {
            error.WriteLine($"regurg: error: {e.Message}");
            return BadInputExitCode;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("regurg: cancelled");
            return 130;
        }
        catch (UnauthorizedAccessException e)
        {
            // A file the user named but may not read or write: their input to fix, not a bug.
            error.WriteLine($"regurg: error: permission denied: {e.Message}");
            return BadInputExitCode;
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            // Disk full, a file system gone read-only...: one line, not a stack trace; exit 1 (not the user's input).
            error.WriteLine($"regurg: error: {e.Message}");
            return 1;
        }
    }
}
