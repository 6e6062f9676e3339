using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Regurgitate.IO;

/// <summary>
/// An exclusive claim on a piece of work that cooperating processes share through a folder, on one machine or
/// many over a shared filesystem (NFS, Lustre, GPFS), where <see cref="FileLock"/>'s flock may not reach across
/// hosts. The claim is a small file, created atomically only if absent, naming its holder; the holder rewrites it
/// every <see cref="ClaimTiming.Heartbeat"/>. A claim is stale, and may be taken over, when its holder is a process
/// of this host that no longer runs (at once, so a kill -9 costs nothing on one machine) or when its content has
/// not changed for <see cref="ClaimTiming.Expiry"/> as this process watched it: timed by the watcher's own clock,
/// so clocks that disagree between hosts do not matter.
/// </summary>
public sealed class WorkClaim : IDisposable
{
    static readonly ConcurrentDictionary<string, (string Content, long SeenAt)> Watched = new();
    static readonly string ThisHost = Environment.MachineName;
    static readonly long ThisProcessStart = ProcessStart(Environment.ProcessId) ?? 0;

    readonly string path;
    readonly string owner = $"{ThisHost}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    readonly Timer heartbeat;
    readonly object gate = new();
    long beats;
    bool released;

    WorkClaim(string path, ClaimTiming timing)
    {
        this.path = path;
        heartbeat = new Timer(_ => Beat(), null, timing.Heartbeat, timing.Heartbeat);
    }

    /// <summary>The claim file.</summary>
    public string Path => path;

    /// <summary>Whether the claim file still names this holder (false once another process took it over).</summary>
    public bool StillHeld => Read(path)?["owner"]?.GetValue<string>() == owner;

    /// <summary>Takes the claim if it is free or stale; null while another live holder has it.</summary>
    public static WorkClaim? TryTake(string path, ClaimTiming? timing = null)
    {
        timing ??= ClaimTiming.FromEnvironment();
        string full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        for (int attempt = 0; attempt < 3; attempt++)
        {
            var claim = new WorkClaim(full, timing);
            if (claim.TryCreate()) return claim;
            claim.heartbeat.Dispose();
            if (!IsStale(full, timing, out string? staleContent)) return null;
            RemoveStale(full, staleContent);
        }
        return null;
    }

    /// <summary>Waits until the claim is free or stale, then takes it.</summary>
    public static WorkClaim Take(string path, CancellationToken cancellation, ClaimTiming? timing = null)
    {
        timing ??= ClaimTiming.FromEnvironment();
        while (true)
        {
            if (TryTake(path, timing) is WorkClaim claim) return claim;
            cancellation.WaitHandle.WaitOne(timing.Poll);
            cancellation.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Who holds the claim ("host, process N"), or null when nobody does or its holder on this host is gone.</summary>
    public static string? Holder(string path)
    {
        var record = Read(path);
        if (record == null || IsDeadHereAndNow(record)) return null;
        return $"{record["host"]?.GetValue<string>()}, process {record["pid"]?.GetValue<int>()}";
    }

    bool TryCreate()
    {
        // A complete file is linked into place only if the name is free (File.Move without overwrite links
        // and unlinks on Unix), so no reader ever sees a half-written claim and two creators cannot both win.
        string temporary = $"{path}.{owner.Replace(':', '-')}.tmp";
        File.WriteAllText(temporary, Content());
        try
        {
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException)
        {
            File.Delete(temporary);
            return false;
        }
    }

    string Content() => new JsonObject
    {
        ["owner"] = owner,
        ["host"] = ThisHost,
        ["pid"] = Environment.ProcessId,
        ["process_start"] = ThisProcessStart,
        ["beat"] = beats,
        ["time"] = DateTime.UtcNow.ToString("o"),
    }.ToJsonString();

    void Beat()
    {
        lock (gate)
        {
            if (released || !StillHeld) return;
            beats++;
            try
            {
                AtomicFile.WriteAllText(path, Content());
            }
            catch (IOException)
            {
                // A filesystem hiccup: the next beat tries again, well within the expiry.
            }
        }
    }

    static JsonObject? Read(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    static bool IsStale(string path, ClaimTiming timing, out string? content)
    {
        try
        {
            content = File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            content = null;
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            content = null;
            return true;
        }
        JsonObject? record;
        try { record = JsonNode.Parse(content) as JsonObject; }
        catch (JsonException) { record = null; }
        if (record != null && IsDeadHereAndNow(record)) return true;
        long now = Stopwatch.GetTimestamp();
        string current = content;
        var seen = Watched.AddOrUpdate(path, (current, now), (_, before) => before.Content == current ? before : (current, now));
        return Stopwatch.GetElapsedTime(seen.SeenAt, now) >= timing.Expiry;
    }

    static bool IsDeadHereAndNow(JsonObject record)
    {
        if (record["host"]?.GetValue<string>() != ThisHost || record["pid"] is not JsonNode pidNode) return false;
        long? started = ProcessStart(pidNode.GetValue<int>());
        return started == null || (record["process_start"] is JsonNode s && s.GetValue<long>() != started);
    }

    /// <summary>Removes a stale claim, unless it changed since it was judged stale (then it is put back).</summary>
    static void RemoveStale(string path, string? staleContent)
    {
        string aside = $"{path}.stale-{Guid.NewGuid():N}";
        try
        {
            File.Move(path, aside, overwrite: false);
        }
        catch (FileNotFoundException)
        {
            return; // someone else removed it first
        }
        catch (IOException)
        {
            return;
        }
        Watched.TryRemove(path, out _);
        if (staleContent != null && File.ReadAllText(aside) != staleContent)
        {
            // A live claim was made between the judgement and the move: give it back.
            try { File.Move(aside, path, overwrite: false); return; }
            catch (IOException) { }
        }
        File.Delete(aside);
    }

    /// <summary>A process's start time in clock ticks since boot (/proc/PID/stat), or null when it does not run.</summary>
    static long? ProcessStart(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            // Field 22 (starttime), counted after the parenthesised command name, which may itself hold spaces.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[19], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            if (OperatingSystem.IsLinux()) return null;
            try
            {
                using var process = Process.GetProcessById(pid);
                return process.HasExited ? null : process.StartTime.Ticks;
            }
            catch (ArgumentException)
            {
                return null;
            }
        }
    }

    /// <summary>Stops the heartbeat and removes the claim if it is still this holder's.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (released) return;
            released = true;
            heartbeat.Dispose();
            if (StillHeld)
                try { File.Delete(path); }
                catch (IOException) { }
        }
    }
}
