namespace Regurgitate.IO;

/// <summary>
/// Checks, before any work starts, that the named output files can be written: none is a directory, none lies
/// below a file, and no file is named for two outputs. An <see cref="InputException"/> names the option and path.
/// </summary>
public static class OutputFiles
{
    /// <summary>Checks each given output (null entries are outputs not asked for).</summary>
    public static void Check(params (string? Path, string Option)[] outputs)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, option) in outputs)
        {
            if (path == null) continue;
            if (path.Length == 0) throw new InputException($"{option} names no file (an empty path)");
            if (Directory.Exists(path))
                throw new InputException($"is a directory, not a file ({option})", path, hint: "name a file inside it");
            string full = Path.GetFullPath(path);
            if (seen.TryGetValue(full, out var other))
                throw new InputException($"is named for two outputs ({other} and {option})", path, hint: "give each output its own file");
            seen[full] = option;
            for (string? parent = Path.GetDirectoryName(full); parent != null; parent = Path.GetDirectoryName(parent))
            {
                if (File.Exists(parent))
                    throw new InputException($"cannot be written: {parent} is a file, not a directory ({option})", path);
                if (Directory.Exists(parent)) break;
            }
        }
    }

    /// <summary>Checks that <paramref name="directory"/> (an output directory) is not an existing file.</summary>
    public static void CheckDirectory(string directory, string option)
    {
        if (directory.Length == 0) throw new InputException($"{option} names no directory (an empty path)");
        if (File.Exists(directory)) throw new InputException($"is a file, not a directory ({option})", directory);
    }
}
