using System.Text.Json;

namespace Regurgitate.Tests.Metrics;

/// <summary>The WMT17 system outputs read as sacreBLEU reads them (cached), and sacreBLEU's expected scores of them.</summary>
internal static class MetricsTestData
{
    static readonly Lazy<string[]> reference = new(() => ReadLines(Path.Combine(Wmt17, "reference.de")));
    static readonly Dictionary<string, string[]> systems = [];

    public static string Wmt17 => TestData.Wmt17Systems;
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
}
