using System.Diagnostics;
using System.Globalization;
using Regurgitate.RunDirectories;

namespace Regurgitate.Studies;

/// <summary>
/// Runs the pending cells in <see cref="StudyRunOptions.Jobs"/> child processes, each a `regurg study run --worker` on
/// this run directory that takes cell after cell until none is left (libtorch's thread count and default generator are
/// process-wide, so parallel cells need processes of their own; a worker that stays up pays for starting .NET, libtorch
/// and the data once, not once per cell). The parent tells each cell as its result lands. A worker's output goes to
/// workers/worker-N.log; a worker that dies leaves its claim to the others, and a cell no worker settled fails.
/// </summary>
internal sealed class ChildWorkers(RunContext run)
{
    public void Run(IReadOnlyList<StudyCell> pending, Action<StudyCell, CellResult> finished, CancellationToken cancellation)
    {
        var options = run.Options;
        if (options.ChildProcess == null) throw new InvalidOperationException("parallel cells need a way to start child processes");
        int count = Math.Min(options.Jobs, pending.Count);
        run.Log($"running {pending.Count} cells, {count} at a time, {options.ThreadsPerJob} thread(s) each");
        // Results written from now on are this run's (failed ones from before are retried by the workers).
        var started = run.Results.FileSystemNow();
        bool Settled(StudyCell cell) => run.Results.SettledSince(cell, started);
        var waiting = pending.ToList();
        var workers = Enumerable.Range(1, count).Select(Start).ToList();
        bool stopping = false;
        try
        {
            while (waiting.Count > 0)
            {
                foreach (var cell in waiting.Where(Settled).ToList())
                {
                    waiting.Remove(cell);
                    finished(cell, run.Results.Read(cell)!);
                }
                if (waiting.Count == 0 || workers.All(w => w.Process.HasExited)) break;
                if (cancellation.IsCancellationRequested && !stopping)
                {
                    stopping = true; // once: each worker saves its checkpoint and exits
                    foreach (var w in workers) Signals.Terminate(w.Process);
                }
                Thread.Sleep(200);
            }
            foreach (var w in workers) w.Process.WaitForExit();
            foreach (var cell in cancellation.IsCancellationRequested ? [] : waiting.ToList())
            {
                // A worker may have settled it between the last look and its exit.
                bool settled = Settled(cell);
                var result = settled ? run.Results.Read(cell)! : CellResults.Failed(cell,
                    $"no worker settled it; their exit codes: {string.Join(", ", workers.Select(w => w.Process.ExitCode))} (see workers/worker-*.log)");
                if (!settled) run.Results.Write(cell, result, 0);
                finished(cell, result);
            }
        }
        finally
        {
            foreach (var w in workers)
            {
                if (!w.Process.HasExited) Signals.Terminate(w.Process);
                w.Process.WaitForExit();
                w.Process.Dispose();
                lock (w.Log) w.Log.Dispose();
            }
        }
        cancellation.ThrowIfCancellationRequested();
    }

    (Process Process, StreamWriter Log) Start(int index)
    {
        var options = run.Options;
        var arguments = new List<string> { "study", "run", Path.GetFullPath(run.Spec.File), "--out", run.Layout.Root, "--worker", "--no-report",
            "--threads", options.ThreadsPerJob.ToString(CultureInfo.InvariantCulture) };
        if (options.DataDirectory != null) arguments.AddRange(["--data-dir", options.DataDirectory]);
        if (options.Device != "cpu") arguments.AddRange(["--device", options.Device]);
        // The parent checked the cost of all cells; a worker must not ask again for its share.
        if (options.ConfirmedCost || run.Spec.ApiStudent != null) arguments.Add("--yes");
        var start = options.ChildProcess!(arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        string file = run.Layout.WorkerLog(index);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var log = new StreamWriter(file, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (log) log.WriteLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        run.Log($"worker {index}: process {process.Id}, log workers/worker-{index}.log");
        return (process, log);
    }
}
