using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Regurgitate.IO;

namespace Regurgitate.Generators;

/// <summary>
/// A persistent cache of endpoint replies, one small JSON file per request named by the SHA-256
/// of the request's canonical form (endpoint, model, full prompt, sampling settings). Each file
/// is written atomically, so a crash loses at most the replies still in flight and concurrent
/// runs can share a directory. Only successful replies are stored; failures are retried next run.
/// API keys are never part of a request's canonical form, so they never reach the disk.
/// </summary>
public sealed class CompletionCache
{
    /// <summary>Opens the cache directory; it is created with the first stored reply, so a run that stores none leaves none behind.</summary>
    public CompletionCache(string directory)
    {
        Directory = Path.GetFullPath(directory);
        if (File.Exists(Directory)) throw new InputException("is a file, not a cache directory (cache)", directory);
    }

    /// <summary>Where the entries live.</summary>
    public string Directory { get; }

    /// <summary>A stored reply.</summary>
    public sealed record Entry(string Text, double? LogProbability, TokenUsage? Usage);

    /// <summary>The canonical, hashable form of a request: keys sorted, so equal requests give equal bytes.</summary>
    public static string CanonicalRequest(IReadOnlyDictionary<string, string?> request)
    {
        var node = new JsonObject();
        foreach (var (k, v) in request.OrderBy(kv => kv.Key, StringComparer.Ordinal)) node[k] = v;
        return node.ToJsonString();
    }

    /// <summary>The stored reply for <paramref name="canonicalRequest"/>, or null. A damaged entry counts as a miss.</summary>
    public Entry? TryGet(string canonicalRequest)
    {
        string path = PathFor(canonicalRequest);
        if (!File.Exists(path)) return null;
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path, Encoding.UTF8))!.AsObject();
            // Guard against a hash collision or a hand-edited file: the stored request must match exactly.
            if (node["request"]?.GetValue<string>() != canonicalRequest) return null;
            string? text = node["text"]?.GetValue<string>();
            if (text == null) return null;
            TokenUsage? usage = node["input_tokens"] is JsonNode input && node["output_tokens"] is JsonNode output
                ? new TokenUsage(input.GetValue<long>(), output.GetValue<long>()) : null;
            return new Entry(text, node["log_probability"]?.GetValue<double>(), usage);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or IOException)
        {
            return null;
        }
    }

    /// <summary>Stores a successful reply.</summary>
    public void Put(string canonicalRequest, Entry entry)
    {
        var node = new JsonObject
        {
            ["request"] = canonicalRequest,
            ["text"] = entry.Text,
            ["log_probability"] = entry.LogProbability,
            ["input_tokens"] = entry.Usage?.InputTokens,
            ["output_tokens"] = entry.Usage?.OutputTokens,
            ["stored_utc"] = DateTime.UtcNow.ToString("O"),
        };
        AtomicFile.WriteAllText(PathFor(canonicalRequest), node.ToJsonString() + "\n");
    }

    /// <summary>Number of stored replies.</summary>
    public int Count => System.IO.Directory.Exists(Directory) ? System.IO.Directory.EnumerateFiles(Directory, "*.json", SearchOption.AllDirectories).Count() : 0;

    string PathFor(string canonicalRequest)
    {
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)));
        // Two-character fan-out keeps directories small for million-segment corpora.
        return Path.Combine(Directory, hash[..2], hash + ".json");
    }
}
