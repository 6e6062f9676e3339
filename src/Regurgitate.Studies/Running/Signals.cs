using System.Diagnostics;
using System.Globalization;

namespace Regurgitate.Studies;

/// <summary>Asks a child process to stop the way a terminal's Ctrl+C or a scheduler would (SIGTERM on Unix), so it can save its checkpoint.</summary>
internal static class Signals
{
    public static void Terminate(Process process)
    {
        try
        {
            if (process.HasExited) return;
            if (OperatingSystem.IsWindows())
            {
                process.Kill(entireProcessTree: true);
                return;
            }
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
            kill?.WaitForExit();
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception) { }
    }
}
