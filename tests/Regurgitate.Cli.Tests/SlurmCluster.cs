using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Regurgitate.Tests;

/// <summary>
/// A real single-node Slurm for tests: munged, slurmctld and slurmd from Debian's slurm-wlm and munge, started
/// with a generated slurm.conf (this host, 2 CPUs, loopback ports chosen free) in a temporary folder, and stopped
/// again on dispose. Needs root (slurmd runs jobs as their user) and the packages (./run-tests installs them).
/// </summary>
internal sealed class SlurmCluster : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "regurg-slurm", Guid.NewGuid().ToString("N"));

    SlurmCluster() { }

    /// <summary>SLURM_CONF, for the clients (sbatch, squeue, scontrol) to find this cluster.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["SLURM_CONF"] = Conf };

    string Conf => Path.Combine(folder, "slurm.conf");

    /// <summary>Why a Slurm cannot be started here, or null when it can.</summary>
    public static string? Unavailable()
    {
        foreach (var program in new[] { "/usr/sbin/munged", "/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch" })
            if (!File.Exists(program)) return $"{program} is missing (Debian: apt-get install -y slurm-wlm munge; ./run-tests installs them when run as root)";
        if (System.Environment.UserName != "root") return "a test Slurm needs root (slurmd starts jobs as their user)";
        return null;
    }

    /// <summary>Starts the daemons and waits until the node takes jobs.</summary>
    public static SlurmCluster Start()
    {
        var cluster = new SlurmCluster();
        try
        {
            cluster.Boot();
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    void Boot()
    {
        Directory.CreateDirectory(Path.Combine(folder, "state"));
        Directory.CreateDirectory(Path.Combine(folder, "spool"));
        string key = Path.Combine(folder, "munge.key");
        File.WriteAllBytes(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(key, UnixFileMode.UserRead);
        string host = Run("hostname", "-s").Trim();
        File.WriteAllText(Conf, $"""
            ClusterName=regurgtest
            SlurmctldHost={host}(127.0.0.1)
            SlurmUser=root
            SlurmdUser=root
            AuthType=auth/munge
            AuthInfo=socket={folder}/munge.sock
            CredType=cred/munge
            MpiDefault=none
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            ReturnToService=2
            SchedulerType=sched/backfill
            SelectType=select/cons_tres
            SelectTypeParameters=CR_CPU
            StateSaveLocation={folder}/state
            SlurmdSpoolDir={folder}/spool
            SlurmctldPidFile={folder}/slurmctld.pid
            SlurmdPidFile={folder}/slurmd.pid
            SlurmctldPort={FreePort()}
            SlurmdPort={FreePort()}
            SlurmctldLogFile={folder}/slurmctld.log
            SlurmdLogFile={folder}/slurmd.log
            JobAcctGatherType=jobacct_gather/none
            AccountingStorageType=accounting_storage/none
            JobCompType=jobcomp/none
            MinJobAge=3600
            NodeName={host} NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
            PartitionName=test Nodes={host} Default=YES MaxTime=INFINITE State=UP
            """);
        Run("/usr/sbin/munged", $"--key-file={key}", $"--socket={folder}/munge.sock", $"--pid-file={folder}/munged.pid",
            $"--log-file={folder}/munged.log", $"--seed-file={folder}/munge.seed", "--force");
        Run("/usr/sbin/slurmctld", "-f", Conf);
        Run("/usr/sbin/slurmd", "-f", Conf);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            string state = TryRun("sinfo", "-h", "-o", "%t") ?? "";
            if (state.Trim() == "idle") return;
            Thread.Sleep(500);
        }
        throw new InvalidOperationException($"the test Slurm did not come up within 60 s:\n{Logs()}");
    }

    /// <summary>The daemons' logs, for a failing test's message.</summary>
    public string Logs() => string.Join("\n", new[] { "slurmctld.log", "slurmd.log", "munged.log" }
        .Select(f => Path.Combine(folder, f)).Where(File.Exists).Select(f => $"== {f}\n{string.Join("\n", File.ReadLines(f).TakeLast(30))}"));

    /// <summary>Waits until none of <paramref name="jobs"/> is pending or running; false if <paramref name="limit"/> ran out.</summary>
    public async Task<bool> WaitForAsync(IEnumerable<string> jobs, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            string queue = TryRun("squeue", "-h", "-j", string.Join(",", jobs), "-o", "%i") ?? "";
            if (queue.Trim().Length == 0) return true;
            await Task.Delay(1000);
        }
        return false;
    }

    string Run(string program, params string[] arguments) =>
        TryRun(program, arguments) ?? throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed:\n{Logs()}");

    string? TryRun(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["SLURM_CONF"] = Conf;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        _ = error.Result;
        return process.ExitCode == 0 ? output : null;
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops the daemons this cluster started (by their pid files) and removes its folder.</summary>
    public void Dispose()
    {
        // Jobs first (a failed test may leave some running), then the daemons, gently and then firmly.
        if (File.Exists(Path.Combine(folder, "slurmctld.pid"))) TryRun("scancel", "--user", System.Environment.UserName);
        foreach (var pidFile in new[] { "slurmd.pid", "slurmctld.pid", "munged.pid" })
        {
            string path = Path.Combine(folder, pidFile);
            if (!File.Exists(path) || !int.TryParse(File.ReadAllText(path).Trim(), out int pid)) continue;
            try
            {
                using var process = Process.GetProcessById(pid);
                TryRun("kill", "-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (!process.WaitForExit(10_000)) process.Kill();
            }
            catch (ArgumentException) { }
            catch (InvalidOperationException) { }
        }
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
