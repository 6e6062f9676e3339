namespace Regurgitate;

/// <summary>
/// Bad input from the user (a file, a line, an option), as opposed to a bug: the CLI prints
/// its message once, without a stack trace, and exits with code 2.
/// </summary>
public sealed class InputException : Exception
{
    public InputException(string problem, string? file = null, long? line = null, string? hint = null, Exception? inner = null)
        : base(Format(problem, file, line, hint), inner)
    {
        Problem = problem;
        File = file;
        Line = line;
        Hint = hint;
    }

    /// <summary>What is wrong, without location.</summary>
    public string Problem { get; }
    /// <summary>The file at fault, if any.</summary>
    public string? File { get; }
    /// <summary>The 1-based line at fault, if any.</summary>
    public long? Line { get; }
    /// <summary>How to fix it, if we know.</summary>
    public string? Hint { get; }

    static string Format(string problem, string? file, long? line, string? hint)
    {
        string where = file == null ? "" : line == null ? $"{file}: " : $"{file}:{line}: ";
        return hint == null ? where + problem : $"{where}{problem} ({hint})";
    }
}
