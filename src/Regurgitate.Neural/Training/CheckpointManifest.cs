using System.Security.Cryptography;
using System.Text.Json;

namespace Regurgitate.Training;

/// <summary>
/// The SHA-256 and length of every file of a checkpoint (<c>manifest.json</c>), so that a truncated, emptied or
/// overwritten file is found and named before it is loaded, instead of failing deep in TorchSharp or, worse,
/// loading as random weights. Checkpoints written before the manifest existed are read unchecked.
/// </summary>
internal static class CheckpointManifest
{
    const string FileName = "manifest.json";

    sealed record Entry(long Bytes, string Sha256);

    /// <summary>Records every file in <paramref name="checkpointDirectory"/>.</summary>
    public static void Write(string checkpointDirectory)
    {
        var entries = Directory.EnumerateFiles(checkpointDirectory)
            .Where(f => Path.GetFileName(f) != FileName)
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToDictionary(f => Path.GetFileName(f), f => new Entry(new FileInfo(f).Length, Hash(f)));
        File.WriteAllText(Path.Combine(checkpointDirectory, FileName), JsonSerializer.Serialize(entries));
    }

    /// <summary>Checks <paramref name="file"/> of <paramref name="checkpointDirectory"/> against the manifest, if there is one.</summary>
    public static void Verify(string checkpointDirectory, string file)
    {
        string manifestPath = Path.Combine(checkpointDirectory, FileName);
        if (!File.Exists(manifestPath)) return;
        Dictionary<string, Entry>? entries;
        try { entries = JsonSerializer.Deserialize<Dictionary<string, Entry>>(File.ReadAllText(manifestPath)); }
        catch (JsonException e) { throw new InputException($"is damaged ({e.Message})", manifestPath, hint: "the checkpoint is damaged; delete it or train into a new --out"); }
        if (entries == null || !entries.TryGetValue(file, out var expected)) return;
        string path = Path.Combine(checkpointDirectory, file);
        long length = new FileInfo(path).Length;
        if (length != expected.Bytes)
            throw new InputException(length == 0 ? $"is empty; the checkpoint recorded {expected.Bytes} bytes" : $"has {length} bytes; the checkpoint recorded {expected.Bytes} (truncated or overwritten)",
                path, hint: "the checkpoint is damaged; delete it (and the pointer naming it) or train into a new --out");
        if (Hash(path) != expected.Sha256)
            throw new InputException("does not match the checksum recorded when the checkpoint was saved (overwritten or corrupted)",
                path, hint: "the checkpoint is damaged; delete it (and the pointer naming it) or train into a new --out");
    }

    static string Hash(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
