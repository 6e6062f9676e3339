namespace Regurgitate.Corpora.Datasets;

/// <summary>
/// The folder that holds named datasets (one sub-folder each, as in the shared corpora layout).
/// Chosen by <c>--data-dir</c>, else the <c>REGURG_DATA_DIR</c> environment variable, else
/// <c>shared/corpora</c> beside the repository (found by walking up from the working directory or the
/// program), else <c>~/.local/share/regurgitate/corpora</c> (XDG_DATA_HOME respected).
/// </summary>
public sealed record DataDirectory(string Root)
{
    /// <summary>The environment variable that names the data directory.</summary>
    public const string EnvironmentVariable = "REGURG_DATA_DIR";

    /// <summary>Resolves the data directory from an explicit option, the environment, or the defaults.</summary>
    public static DataDirectory Resolve(string? option = null)
    {
        if (!string.IsNullOrWhiteSpace(option)) return new DataDirectory(Path.GetFullPath(option));
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return new DataDirectory(Path.GetFullPath(fromEnvironment));
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            var found = FindSharedCorpora(start);
            if (found != null) return new DataDirectory(found);
        }
        return new DataDirectory(UserDefault());
    }

    /// <summary>The per-user default: $XDG_DATA_HOME/regurgitate/corpora or ~/.local/share/regurgitate/corpora.</summary>
    public static string UserDefault()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var baseDir = !string.IsNullOrWhiteSpace(xdg) ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(baseDir, "regurgitate", "corpora");
    }

    static string? FindSharedCorpora(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpora");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The full path of <paramref name="file"/> if present (gzipped or not), else null.</summary>
    public string? Locate(DatasetFile file) => Locate(file.RelativePath);

    /// <summary>The full path of <paramref name="relativePath"/> if present, also accepting it with ".gz" added or removed.</summary>
    public string? Locate(string relativePath)
    {
        string path = PathOf(relativePath);
        if (File.Exists(path)) return path;
        string other = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path + ".gz";
        return File.Exists(other) ? other : null;
    }

    /// <summary>Where <paramref name="relativePath"/> lives (or would live) under this directory.</summary>
    public string PathOf(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public override string ToString() => Root;
}
