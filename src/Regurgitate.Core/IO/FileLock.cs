namespace Regurgitate.IO;

/// <summary>
/// An exclusive lock on a file that waits its turn, held while the stream is open (flock on Unix; released when
/// the process dies, so a kill leaves nothing to clean up). Unlike <see cref="OutputLock"/>, which refuses a
/// second writer, this one serializes cooperating processes (the jobs of one study).
/// </summary>
public sealed class FileLock : IDisposable
{
    readonly FileStream stream;

    FileLock(FileStream stream) => this.stream = stream;

    /// <summary>Tries once; null when another process holds it.</summary>
    public static FileLock? TryAcquire(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        try
        {
            return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Waits for the lock.</summary>
    public static FileLock Acquire(string path, CancellationToken cancellation)
    {
        while (true)
        {
            if (TryAcquire(path) is FileLock held) return held;
            cancellation.WaitHandle.WaitOne(200);
            cancellation.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Whether some process holds the lock now.</summary>
    public static bool IsHeld(string path)
    {
        if (!File.Exists(path)) return false;
        using var probe = TryAcquire(path);
        return probe == null;
    }

    public void Dispose() => stream.Dispose();
}
