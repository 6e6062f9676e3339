using System.Security.Cryptography;
using System.Text.Json;
using Regurgitate.IO;

namespace Regurgitate.Serving;

/// <summary>
/// The uploaded files of a fine-tuning server, under <c>STATE/files/</c>: <c>ID.json</c> (metadata) and
/// <c>ID.data</c> (the bytes). The data is in place before its metadata is written, so a file that is listed is
/// complete. Uploads arrive in <c>STATE/tmp/</c>, which opening the store empties (what a killed server left).
/// </summary>
public sealed class UploadedFileStore
{
    readonly string directory;

    /// <summary>
    /// Opens (creating) the store in <paramref name="stateDirectory"/>, removes the temporary files a killed server
    /// left, and checks every metadata file: an unreadable one is an <see cref="InputException"/> naming it.
    /// </summary>
    public UploadedFileStore(string stateDirectory)
    {
        directory = Path.Combine(stateDirectory, "files");
        TemporaryFolder = Path.Combine(stateDirectory, "tmp");
        Directory.CreateDirectory(directory);
        if (Directory.Exists(TemporaryFolder)) Directory.Delete(TemporaryFolder, recursive: true);
        Directory.CreateDirectory(TemporaryFolder);
        foreach (string temporary in Directory.EnumerateFiles(directory, ".*.tmp")) File.Delete(temporary);
        foreach (string path in Directory.EnumerateFiles(directory, "*.json"))
        {
            string id = Path.GetFileNameWithoutExtension(path);
            if (Read(path) is not UploadedFile file || file.Id != id || !IsId(id))
                throw new InputException("is not a readable uploaded file's metadata", path,
                    hint: "the state directory is damaged; move that file (and its .data) out of the state directory");
        }
    }

    /// <summary>Where uploads are written while they arrive (<c>STATE/tmp/</c>).</summary>
    public string TemporaryFolder { get; }

    /// <summary>Stores the upload <paramref name="form"/> as a new file, taking its temporary file.</summary>
    internal UploadedFile Add(UploadForm form)
    {
        string id = "file-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        long bytes = new FileInfo(form.TemporaryPath).Length;
        // A rename within the state directory: the data appears whole or not at all.
        File.Move(form.TemporaryPath, DataPath(id));
        var now = DateTimeOffset.UtcNow;
        var file = new UploadedFile(id, form.Filename, bytes, form.Purpose, now.ToUnixTimeSeconds()) { CreatedTicks = now.UtcTicks };
        AtomicFile.WriteAllText(MetadataPath(id), JsonSerializer.Serialize(file));
        return file;
    }

    /// <summary>The file <paramref name="id"/>, or null (also when its metadata became unreadable since the start).</summary>
    public UploadedFile? Get(string id)
    {
        if (!IsId(id) || !File.Exists(MetadataPath(id))) return null;
        return Read(MetadataPath(id)) is UploadedFile file && file.Id == id ? file : null;
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

    /// <summary>The metadata in <paramref name="path"/>, or null when it is not ours (damaged, cut short, or missing a field).</summary>
    static UploadedFile? Read(string path)
    {
        try
        {
            var file = JsonSerializer.Deserialize<UploadedFile>(File.ReadAllText(path));
            return file is { Id: not null, Filename: not null, Purpose: not null } && file.Bytes >= 0 ? file : null;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            // IOException: deleted between listing and reading.
            return null;
        }
    }

    // Ids come from URLs: only our own shape may become a path.
    static bool IsId(string id) => id.StartsWith("file-", StringComparison.Ordinal) && id.Length <= 64 && id[5..].All(char.IsAsciiLetterOrDigit);
}
