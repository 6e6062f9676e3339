using System.Text;

namespace Regurgitate.IO;

/// <summary>
/// Writes a file so that readers see either the old content or the complete new one, never a
/// half-written file: content goes to a temporary sibling that is renamed over the target only
/// after it has been flushed to disk. A failure or kill leaves no partial output behind.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes through <paramref name="write"/> to a temporary file, then renames it to <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = TemporaryPathFor(full);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Writes several files that belong together (a Moses pair <c>train.de</c> + <c>train.en</c>): all
    /// are written to temporary siblings first and only renamed into place once every one is complete,
    /// so either all new files appear or, on failure, none do (earlier contents are restored).
    /// </summary>
    public static void WriteTogether(IReadOnlyList<string> paths, Action<IReadOnlyList<Stream>> write)
    {
        var full = paths.Select(Path.GetFullPath).ToArray();
        if (full.Distinct(StringComparer.Ordinal).Count() != full.Length)
            throw new ArgumentException("The same file was named twice.", nameof(paths));
        foreach (var f in full) Directory.CreateDirectory(Path.GetDirectoryName(f)!);
        var temporaries = full.Select(TemporaryPathFor).ToArray();
        var streams = new List<FileStream>();
        try
        {
            try
            {
                foreach (var t in temporaries)
                    streams.Add(new FileStream(t, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16));
                write(streams);
                foreach (var s in streams) s.Flush(flushToDisk: true);
            }
            finally
            {
                foreach (var s in streams) s.Dispose();
            }
            CommitTogether(temporaries, full);
        }
        catch
        {
            foreach (var t in temporaries) TryDelete(t);
            throw;
        }
    }

    // Renames every temporary over its target; if one rename fails, the ones already done are undone
    // and the previous files (moved aside first) are put back.
    static void CommitTogether(string[] temporaries, string[] targets)
    {
        var backups = new string?[targets.Length];
        int committed = 0;
        try
        {
            for (int i = 0; i < targets.Length; i++)
            {
                if (File.Exists(targets[i]))
                {
                    backups[i] = TemporaryPathFor(targets[i]) + ".old";
                    File.Move(targets[i], backups[i]!);
                }
                File.Move(temporaries[i], targets[i]);
                committed++;
            }
        }
        catch
        {
            for (int i = Math.Min(committed, targets.Length - 1); i >= 0; i--)
            {
                if (i < committed) TryDelete(targets[i]);
                if (backups[i] != null && File.Exists(backups[i]!))
                    try { File.Move(backups[i]!, targets[i], overwrite: true); } catch (IOException) { }
            }
            throw;
        }
        foreach (var b in backups) if (b != null) TryDelete(b);
    }

    /// <summary>Writes UTF-8 text (no byte-order mark) atomically.</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, stream => { var bytes = new UTF8Encoding(false).GetBytes(text); stream.Write(bytes); });

    /// <summary>Writes lines of UTF-8 text, each ending in '\n', atomically.</summary>
    public static void WriteAllLines(string path, IEnumerable<string> lines) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            foreach (var line in lines) writer.WriteLine(line);
        });

    /// <summary>A unique temporary name beside <paramref name="path"/>, so the final rename stays on one file system.</summary>
    public static string TemporaryPathFor(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");

    static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
