using System.Text.Json;

namespace Regurgitate.Tests.Metrics;

/// <summary>Finds the WMT17 system outputs and sacreBLEU's expected scores under shared/corpora.</summary>
internal static class MetricsTestData
{
    public const string Wmt17Folder = "wmt17-newstest-en-de-systems";

    static readonly Lazy<string> corpora = new(FindCorpora);
    static readonly Lazy<string[]> reference = new(() => ReadLines(Path.Combine(Wmt17, "reference.de")));
    static readonly Dictionary<string, string[]> systems = [];

    public static string Corpora => corpora.Value;
    public static string Wmt17 => Path.Combine(Corpora, Wmt17Folder);
    public static string[] Reference => reference.Value;

    public static string[] System(string file)
    {
        lock (systems)
        {
            if (!systems.TryGetValue(file, out var lines)) systems[file] = lines = ReadLines(Path.Combine(Wmt17, file));
            return lines;
        }
    }

    /// <summary>Lines as sacreBLEU's CLI reads them (byte-order marks kept).</summary>
    public static string[] ReadLines(string path) => Regurgitate.Metrics.SegmentFile.Read(path);

    public static JsonElement Expected()
    {
        using var stream = File.OpenRead(Path.Combine(Wmt17, "expected-sacrebleu-2.6.0.json"));
        return JsonDocument.Parse(stream).RootElement.Clone();
    }

    public static IEnumerable<string> SystemFiles() => Expected().EnumerateObject().Select(p => p.Name);

    static string FindCorpora() => SharedCorpora.Root;
}
