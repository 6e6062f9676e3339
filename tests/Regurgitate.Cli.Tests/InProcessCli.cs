using Regurgitate.Cli;

namespace Regurgitate.Tests;

/// <summary>Runs `regurg` in this process with captured output, as the command tests need it.</summary>
internal static class InProcessCli
{
    /// <summary>The exit code and what the command wrote to standard output and standard error.</summary>
    public static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await CommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>What a command run gave, by name.</summary>
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Runs `regurg` like <see cref="Run"/>, returning a <see cref="Result"/>.</summary>
    public static async Task<Result> Invoke(params string[] args)
    {
        var (code, output, error) = await Run(args);
        return new Result(code, output, error);
    }
}
