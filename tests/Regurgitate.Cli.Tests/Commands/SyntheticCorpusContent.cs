using System.Text.Json.Nodes;

namespace Regurgitate.Tests.Commands;

/// <summary>What a synthetic corpus says, without the fields that measure a particular run.</summary>
internal static class SyntheticCorpusContent
{
    /// <summary>The corpus lines with latency, attempts and cache hits removed.</summary>
    public static List<string> Of(string path) =>
        File.ReadAllLines(path).Select(line =>
        {
            var o = JsonNode.Parse(line)!.AsObject();
            var meta = o["meta"]!.AsObject();
            meta.Remove("latency_ms");
            meta.Remove("attempts");
            meta.Remove("cached");
            return o.ToJsonString();
        }).ToList();
}
