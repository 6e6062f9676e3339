using System.Diagnostics;
using System.Globalization;

namespace Regurgitate.Studies;

/// <summary>
/// Runs cells in child processes, <see cref="StudyRunOptions.Jobs"/> at a time, each `regurg study run --cell ID`
/// (libtorch's thread count and default generator are process-wide, so parallel cells need processes of their own).
/// A child's output goes to its cell's child.log; a child that exits without a result fails its cell.
/// </summary>
internal sealed class ChildProcessCells(RunContext run)
{
    public void Run(IReadOnlyList<StudyCell> pending, Action<StudyCell, RunDirectories.CellResult> finished, CancellationToken cancellation)
    {
        var options = run.Options;
        if (options.ChildProcess == null) throw new InvalidOperationException("parallel cells need a way to start child processes");
        var queue = new Queue<StudyCell>(pending);
        var running = new List<(StudyCell Cell, Process Process, StreamWriter Log)>();
        run.Log($"running {pending.Count} cells, {options.Jobs} at a time, {options.ThreadsPerJob} thread(s) each");
        try
        {
            while (queue.Count > 0 || running.Count > 0)
            {
                while (running.Count < options.Jobs && queue.Count > 0 && !cancellation.IsCancellationRequested)
                {
                    var cell = queue.Dequeue();
                    var (process, log) = Start(cell);
                    running.Add((cell, process, log));
                    run.Log($"{cell.Id}: started (process {process.Id})");
                }
                if (cancellation.IsCancellationRequested && running.Count == 0) break;
                var exited = running.FirstOrDefault(r => r.Process.HasExited);
                if (exited.Process == null)
                {
                    if (cancellation.IsCancellationRequested)
                        foreach (var r in running) Signals.Terminate(r.Process);
                    Thread.Sleep(200);
                    continue;
                }
                exited.Process.WaitForExit();
                running.Remove(exited);
                int code = exited.Process.ExitCode;
                exited.Process.Dispose();
                lock (exited.Log) exited.Log.Dispose();
                var result = run.Results.Read(exited.Cell);
                if (result == null)
                {
                    if (cancellation.IsCancellationRequested) continue;
                    result = CellResults.Failed(exited.Cell, $"its process exited with code {code} without a result (see cells/{exited.Cell.Id}/child.log)");
                    run.Results.Write(exited.Cell, result, 0);
                }
                finished(exited.Cell, result);
            }
        }
        finally
        {
            foreach (var r in running) { Signals.Terminate(r.Process); r.Process.WaitForExit(); r.Process.Dispose(); r.Log.Dispose(); }
        }
        cancellation.ThrowIfCancellationRequested();
    }

    (Process, StreamWriter) Start(StudyCell cell)
    {
        var options = run.Options;
        Directory.CreateDirectory(run.Layout.Cell(cell.Id));
        var arguments = new List<string> { "study", "run", Path.GetFullPath(run.Spec.File), "--out", run.Layout.Root, "--cell", cell.Id,
            "--threads", options.ThreadsPerJob.ToString(CultureInfo.InvariantCulture) };
        if (options.DataDirectory != null) arguments.AddRange(["--data-dir", options.DataDirectory]);
        if (options.Device != "cpu") arguments.AddRange(["--device", options.Device]);
        // The parent checked the cost of all cells; a child must not ask again for its share.
        if (options.ConfirmedCost || run.Spec.ApiStudent != null) arguments.Add("--yes");
        var start = options.ChildProcess!(arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var log = new StreamWriter(run.Layout.CellChildLog(cell.Id), append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (log) log.WriteLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, log);
    }
}
