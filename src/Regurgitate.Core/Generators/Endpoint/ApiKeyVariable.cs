using System.Text.RegularExpressions;

namespace Regurgitate.Generators;

/// <summary>
/// The name of the environment variable that holds an API key (`api_key_env`, `--api-key-env`). A value that is
/// not a variable name is most likely the key itself, pasted in the wrong place: it is refused without ever
/// being printed, since error messages end up in logs.
/// </summary>
public static partial class ApiKeyVariable
{
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();

    /// <summary>Checks that <paramref name="name"/> is a variable name; <paramref name="setting"/> is how the user wrote the setting.</summary>
    public static string Check(string name, string setting)
    {
        bool looksLikeKey = name.StartsWith("sk-", StringComparison.Ordinal) || (name.Length >= 32 && name.Any(char.IsDigit) && name.Any(char.IsLower));
        if (!VariableName().IsMatch(name) || looksLikeKey)
            throw new InputException(looksLikeKey || name.Length >= 20
                    ? $"{setting} looks like an API key, not the name of an environment variable (its value is not shown)"
                    : $"{setting} is not the name of an environment variable (letters, digits and _; its value is not shown)",
                hint: $"put the key in an environment variable, e.g. export OPENAI_API_KEY=..., and give {setting} that name");
        return name;
    }

    /// <summary>The key held in variable <paramref name="name"/>, or an <see cref="InputException"/> when it is unset or blank.</summary>
    public static string Read(string name, string setting)
    {
        Check(name, setting);
        string? key = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(key))
            throw new InputException($"the environment variable {name} ({setting}) is not set", hint: $"export {name}=... before running");
        return key;
    }
}
