using System.Diagnostics;
using System.Globalization;

namespace Regurgitate.IO;

/// <summary>
/// One writer per output: a lock file beside an output file (<c>.NAME.lock</c>) or inside a run directory
/// (<c>.lock</c>) holding the writer's process id. A second writer gets an <see cref="InputException"/> naming
/// the holder's pid; a lock left by a process that no longer runs is taken over. Disposing releases it.
/// </summary>
public sealed class OutputLock : IDisposable
{
    readonly string path;
    bool released;

    OutputLock(string path) => this.path = path;

    /// <summary>The lock file.</summary>
    public string LockFile => path;

    /// <summary>Locks the output file <paramref name="outputFile"/> (which need not exist yet).</summary>
    public static OutputLock ForFile(string outputFile)
    {
        string full = Path.GetFullPath(outputFile);
        return Acquire(Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.lock"), outputFile);
    }

    /// <summary>Locks the run directory <paramref name="runDirectory"/>, creating it if needed.</summary>
    public static OutputLock ForDirectory(string runDirectory) =>
        Acquire(Path.Combine(Path.GetFullPath(runDirectory), ".lock"), runDirectory);

    static OutputLock Acquire(string lockFile, string output)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(lockFile)!);
        for (int attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                using (var stream = new FileStream(lockFile, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
                using (var writer = new StreamWriter(stream))
                    writer.Write(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
                return new OutputLock(lockFile);
            }
            catch (IOException) when (File.Exists(lockFile))
            {
                int? holder = ReadHolder(lockFile);
                if (holder is int pid && pid != Environment.ProcessId && IsRunning(pid))
                    throw new InputException($"is being written by another regurg process (pid {pid})", output,
                        hint: $"wait for it to finish, or stop it; its lock is {lockFile}");
                if (holder == null && DateTime.UtcNow - File.GetLastWriteTimeUtc(lockFile) < TimeSpan.FromSeconds(5))
                    throw new InputException("is being written by another regurg process (it is just starting)", output,
                        hint: $"wait for it to finish; its lock is {lockFile}");
                if (holder == Environment.ProcessId)
                    throw new InputException("is already being written by this process (named twice?)", output);
                // Stale: its writer is gone (or the file is unreadable). Take it over.
                try { File.Delete(lockFile); } catch (IOException) { }
            }
        }
        throw new InputException("could not take the lock", output, hint: $"delete {lockFile} if no regurg process writes it");
    }

    static int? ReadHolder(string lockFile)
    {
        try
        {
            return int.TryParse(File.ReadAllText(lockFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
        }
        catch (IOException) { return null; }
    }

    static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    /// <summary>Releases the lock (removes the lock file).</summary>
    public void Dispose()
    {
        if (released) return;
        released = true;
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
