using System.Security.Cryptography;
using System.Text.Json;
using Regurgitate.IO;

namespace Regurgitate.Serving;

/// <summary>
/// The uploaded files of a fine-tuning server, under <c>STATE/files/</c>: <c>ID.json</c> (metadata) and
/// <c>ID.data</c> (the bytes). The data is written atomically before its metadata, so a file that is listed is complete.
/// </summary>
public sealed class UploadedFileStore
{
    readonly string directory;

    /// <summary>Opens (creating) the store in <paramref name="stateDirectory"/>.</summary>
    public UploadedFileStore(string stateDirectory)
    {
        directory = Path.Combine(stateDirectory, "files");
        Directory.CreateDirectory(directory);
    }

    /// <summary>Stores <paramref name="content"/> as a new file.</summary>
    public async Task<UploadedFile> AddAsync(string filename, string purpose, Stream content, CancellationToken cancellationToken)
    {
        string id = "file-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        // Buffered in memory: the request body is async-only and AtomicFile writes synchronously; fine-tuning files are megabytes.
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        AtomicFile.Write(DataPath(id), stream => { buffer.Position = 0; buffer.CopyTo(stream); });
        var now = DateTimeOffset.UtcNow;
        var file = new UploadedFile(id, filename, buffer.Length, purpose, now.ToUnixTimeSeconds()) { CreatedTicks = now.UtcTicks };
        AtomicFile.WriteAllText(MetadataPath(id), JsonSerializer.Serialize(file));
        return file;
    }

    /// <summary>The file <paramref name="id"/>, or null.</summary>
    public UploadedFile? Get(string id)
    {
        if (!IsId(id) || !File.Exists(MetadataPath(id))) return null;
        return JsonSerializer.Deserialize<UploadedFile>(File.ReadAllText(MetadataPath(id)));
    }

    /// <summary>Every file, oldest first.</summary>
    public IReadOnlyList<UploadedFile> List() =>
        Directory.EnumerateFiles(directory, "file-*.json")
            .Select(path => Get(Path.GetFileNameWithoutExtension(path)))
            .OfType<UploadedFile>()
            .OrderBy(f => f.CreatedTicks).ThenBy(f => f.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>Deletes the file <paramref name="id"/>; false when there is none.</summary>
    public bool Delete(string id)
    {
        if (Get(id) == null) return false;
        // Metadata first: a kill in between leaves unlisted bytes, never a listed file without them.
        File.Delete(MetadataPath(id));
        File.Delete(DataPath(id));
        return true;
    }

    /// <summary>Where the bytes of file <paramref name="id"/> lie.</summary>
    public string DataPath(string id) => Path.Combine(directory, id + ".data");

    string MetadataPath(string id) => Path.Combine(directory, id + ".json");

    // Ids come from URLs: only our own shape may become a path.
    static bool IsId(string id) => id.StartsWith("file-", StringComparison.Ordinal) && id.Length <= 64 && id[5..].All(char.IsAsciiLetterOrDigit);
}
