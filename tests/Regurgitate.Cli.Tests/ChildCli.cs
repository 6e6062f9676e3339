using System.Diagnostics;
using System.Text;

namespace Regurgitate.Tests;

/// <summary>`regurg` as a child process (the built regurg.dll under `dotnet`), for what needs a real process: signals, a second writer.</summary>
internal sealed class ChildCli : IDisposable
{
    readonly Process process;
    readonly StringBuilder output = new();
    readonly StringBuilder error = new();

    ChildCli(Process process) => this.process = process;

    /// <summary>Starts `regurg <paramref name="args"/>`.</summary>
    public static ChildCli Start(params string[] args) => Start(environment: null, args);

    /// <summary>Starts `regurg <paramref name="args"/>` with extra environment variables.</summary>
    public static ChildCli Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "regurg.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        var child = new ChildCli(Process.Start(info)!);
        child.process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (child.output) child.output.AppendLine(e.Data); };
        child.process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (child.error) child.error.AppendLine(e.Data); };
        child.process.BeginOutputReadLine();
        child.process.BeginErrorReadLine();
        return child;
    }

    public int Id => process.Id;
    public string Output { get { lock (output) return output.ToString(); } }
    public string Error { get { lock (error) return error.ToString(); } }

    /// <summary>Waits until standard output or error holds <paramref name="text"/> (false if the process ended or the wait ran out first).</summary>
    public async Task<bool> WaitForAsync(string text, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (Output.Contains(text, StringComparison.Ordinal) || Error.Contains(text, StringComparison.Ordinal)) return true;
            if (process.HasExited) return false;
            await Task.Delay(100);
        }
        return false;
    }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>Ends the process and its children at once (SIGKILL: no handler runs), as a crash or `kill -9` would.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>Runs `regurg <paramref name="args"/>` to its end; returns the exit code and standard output and error together.</summary>
    public static Task<(int Code, string Output)> RunToEndAsync(params string[] args) => RunToEndAsync(environment: null, args);

    /// <summary>Runs `regurg <paramref name="args"/>` with extra environment variables to its end.</summary>
    public static async Task<(int Code, string Output)> RunToEndAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var child = Start(environment, args);
        int code = await child.ExitCodeAsync(TimeSpan.FromMinutes(20));
        return (code, child.Output + child.Error);
    }

    /// <summary>Sends a signal by name (INT, TERM) with kill(1).</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", ["-" + name, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Waits for the exit and returns its code; a child still running after <paramref name="limit"/> is killed and -1 returned.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); return -1; }
        process.WaitForExit(); // drains the redirected streams
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
