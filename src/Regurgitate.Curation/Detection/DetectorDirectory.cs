namespace Regurgitate.Detection;

/// <summary>
/// Saves a detector directory atomically: every file is written into a temporary sibling directory, which is
/// renamed into place only once complete; an existing detector there is moved aside first and deleted after.
/// A kill mid-save leaves the old detector (or nothing), never a half-written one.
/// </summary>
internal static class DetectorDirectory
{
    /// <summary>Writes through <paramref name="write"/> into a fresh directory that then becomes <paramref name="directory"/>.</summary>
    public static void Write(string directory, Action<string> write)
    {
        string full = Path.GetFullPath(directory);
        if (File.Exists(full)) throw new InputException("is a file, not a directory", directory);
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any() && !File.Exists(Path.Combine(full, DetectorManifest.FileName)))
            throw new InputException("exists and is not a detector directory, so it is not overwritten", directory,
                hint: "name a new or empty directory");
        string parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        string name = Path.GetFileName(full);
        string temporary = Path.Combine(parent, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        string? aside = null;
        try
        {
            Directory.CreateDirectory(temporary);
            write(temporary);
            if (Directory.Exists(full))
            {
                aside = temporary + ".old";
                Directory.Move(full, aside);
            }
            Directory.Move(temporary, full);
        }
        catch
        {
            if (aside != null && !Directory.Exists(full)) Directory.Move(aside, full);
            TryDelete(temporary);
            throw;
        }
        if (aside != null) TryDelete(aside);
    }

    static void TryDelete(string path)
    {
        try { if (Directory.Exists(path)) Directory.Delete(path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
