using System.Security.Cryptography;
using Regurgitate.Training;

namespace Regurgitate.Serving;

/// <summary>
/// What a fine-tuning job starts from, as content: a SHA-256 over the base checkpoint's architecture, weights and
/// tokenizer. Jobs record it, so a server restarted with another `--base` (or the same path holding other
/// weights) can tell that a queued or running job was asked of a different model.
/// </summary>
internal static class BaseCheckpointIdentity
{
    /// <summary>"sha256:" and the hex digest of the checkpoint that <paramref name="baseCheckpoint"/> resolves to.</summary>
    public static string Of(string baseCheckpoint)
    {
        string checkpoint = Checkpoint.ResolveForInference(baseCheckpoint);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string path in new[] { Path.Combine(checkpoint, "config.json"), Path.Combine(checkpoint, "model.bin"), FineTuneStart.TokenizerOf(baseCheckpoint) })
        {
            // Each part is named and sized, so no two different sets of files hash alike.
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{Path.GetFileName(path)}\n{new FileInfo(path).Length}\n"));
            using var stream = File.OpenRead(path);
            var buffer = new byte[1 << 20];
            for (int read; (read = stream.Read(buffer)) > 0;) hash.AppendData(buffer, 0, read);
        }
        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
