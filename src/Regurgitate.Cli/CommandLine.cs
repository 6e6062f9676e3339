using System.CommandLine;
using Regurgitate.Cli.Commands;

namespace Regurgitate.Cli;

/// <summary>The `regurg` command tree and how its outcomes map to exit codes.</summary>
public static class CommandLine
{
    /// <summary>Exit code for bad input (a file, a line, an option): see <see cref="InputException"/>.</summary>
    public const int BadInputExitCode = 2;

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
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(StudyCommand.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; input errors print one line and give exit code 2.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        if (stdout != null) configuration.Output = stdout;
        if (stderr != null) configuration.Error = stderr;
        var error = stderr ?? Console.Error;
        try
        {
            var parsed = Build().Parse(args);
            int code = await parsed.InvokeAsync(configuration);
            // Parse errors (unknown option, missing value) are input errors too.
            return parsed.Errors.Count > 0 ? BadInputExitCode : code;
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
    }
}
