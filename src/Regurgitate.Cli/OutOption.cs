using System.CommandLine;

namespace Regurgitate.Cli;

/// <summary>
/// The one spelling of an output path, <c>--out</c>/<c>-o</c>. Commands that once spelled it
/// <c>--output</c> keep that as an alias, so existing scripts still run. Help text across the CLI: a command's
/// description is a sentence; an option's is a lower-case phrase without a final period.
/// </summary>
static class OutOption
{
    /// <summary>A required <c>--out</c>.</summary>
    public static Option<string> Required(string description) =>
        new("--out", "-o") { Description = description, Required = true };

    /// <summary>An optional <c>--out</c> (null when not given); <paramref name="formerSpelling"/> is kept as an alias.</summary>
    public static Option<string?> Optional(string description, string? formerSpelling = null)
    {
        var option = new Option<string?>("--out", "-o") { Description = description };
        if (formerSpelling != null) option.Aliases.Add(formerSpelling);
        return option;
    }
}
