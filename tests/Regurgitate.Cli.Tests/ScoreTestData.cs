namespace Regurgitate.Tests;

/// <summary>Locates the WMT17 system outputs for `regurg score` tests.</summary>
internal static class ScoreTestData
{
    static readonly Lazy<string> folder = new(Find);

    public static string Wmt17 => folder.Value;
    public static string Reference => Path.Combine(Wmt17, "reference.de");
    public static string System(string name) => Path.Combine(Wmt17, name);

    static string Find()
    {
        const string name = "wmt17-newstest-en-de-systems";
        var fromEnvironment = Environment.GetEnvironmentVariable("REGURG_DATA_DIR");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(Path.Combine(fromEnvironment, name))) return Path.Combine(fromEnvironment, name);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpora", name);
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"shared/corpora/{name} not found: set REGURG_DATA_DIR");
    }
}
