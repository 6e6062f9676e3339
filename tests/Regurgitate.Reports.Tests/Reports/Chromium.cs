using System.Diagnostics;

namespace Regurgitate.Tests.Reports;

/// <summary>Headless Chromium for screenshots of reports: found on PATH, run without network, sandbox or profile.</summary>
internal static class Chromium
{
    public static string? Find() =>
        new[] { "chromium", "chromium-browser", "google-chrome" }.Select(RequiredTool.OnPath).FirstOrDefault(path => path != null);

    /// <summary>Renders <paramref name="html"/> into a PNG screenshot; returns chromium's output for failure messages.</summary>
    public static string Screenshot(string chromium, string html, string png, int width, int height)
    {
        string profile = Path.Combine(Path.GetTempPath(), "regurg-chromium-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(profile);
        try
        {
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (string arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--disable-dev-shm-usage",
                         $"--user-data-dir={profile}", $"--screenshot={png}", $"--window-size={width},{height}", new Uri(html).AbsoluteUri })
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                return "chromium did not finish within 3 minutes";
            }
            return $"exit {process.ExitCode}: {stdout.Result}\n{stderr.Result}";
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
