namespace Regurgitate.Tests;

/// <summary>Locates the WMT17 system outputs for `regurg score` tests.</summary>
internal static class ScoreTestData
{
    static readonly Lazy<string> folder = new(Find);

    public static string Wmt17 => folder.Value;
    public static string Reference => Path.Combine(Wmt17, "reference.de");
    public static string System(string name) => Path.Combine(Wmt17, name);

    static string Find() => SharedCorpora.PathOf("wmt17-newstest-en-de-systems");
}
