using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Regurgitate.Corpora;

namespace Regurgitate.Generators;

/// <summary>
/// Rule-based translation with Apertium (Debian `apertium` plus a pair package such as
/// `apertium-eng-spa`), run as an external process over batches of segments.
/// </summary>
/// <remarks>
/// Segment boundaries: each segment is sent as one line followed by a blank line. Apertium's
/// text deformatter keeps blank lines ("superblanks") in place, so the output splits back on
/// blank lines; the count must equal the input count or the batch fails loudly. Null-flush mode
/// (-z) would be the other option, but the Debian 12 pipeline does not flush per segment.
/// </remarks>
public sealed class ApertiumGenerator : IGenerator
{
    /// <summary>The Debian packages for English↔Spanish, the pair our tests use.</summary>
    public const string InstallHint = "install it with: apt-get install -y apertium apertium-eng-spa (or the apertium-* package for your pair)";

    readonly string executable;
    readonly bool markUnknown;

    /// <param name="mode">The translation mode, e.g. "eng-spa" or "spa-eng" (`apertium -l` lists them).</param>
    /// <param name="markUnknown">Keep Apertium's `*` marks on unknown words (false passes -u).</param>
    /// <param name="batchSize">Segments per process run.</param>
    /// <param name="executable">The apertium program, found on PATH by default.</param>
    public ApertiumGenerator(string mode, bool markUnknown = false, int batchSize = 500, string executable = "apertium")
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize));
        Mode = mode;
        this.markUnknown = markUnknown;
        this.executable = executable;
        BatchSize = batchSize;
        Name = $"apertium:{mode}";
        var settings = new Dictionary<string, string> { ["mode"] = mode, ["unknown_marks"] = markUnknown ? "yes" : "no" };
        if (InstalledVersion() is string version) settings["version"] = version;
        Provenance = Provenance.Machine(Name, settings);
    }

    /// <summary>The Apertium mode, e.g. "eng-spa".</summary>
    public string Mode { get; }
    public string Name { get; }
    public Provenance Provenance { get; }
    public int? BatchSize { get; }

    /// <summary>Modes this machine's Apertium can run (`apertium -l`); an <see cref="InputException"/> with the apt command when Apertium is missing.</summary>
    public static IReadOnlyList<string> AvailableModes(string executable = "apertium")
    {
        var (code, output, _) = Run(executable, ["-l"], "", CancellationToken.None).GetAwaiter().GetResult();
        if (code != 0) return [];
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Installed modes, or none when Apertium itself is missing (no exception).</summary>
    public static IReadOnlyList<string> AvailableModesOrEmpty(string executable = "apertium")
    {
        try { return AvailableModes(executable); }
        catch (InputException) { return []; }
    }

    /// <summary>Fails with an explanation when Apertium or the mode is not installed.</summary>
    public void EnsureInstalled()
    {
        var modes = AvailableModes(executable);
        if (!modes.Contains(Mode))
            throw new InputException($"apertium has no mode '{Mode}' (installed: {(modes.Count == 0 ? "none" : string.Join(", ", modes))})",
                hint: InstallHint);
    }

    public async Task<IReadOnlyList<GeneratedSegment>> GenerateAsync(IReadOnlyList<string> sources, CancellationToken cancellationToken = default)
    {
        var results = new GeneratedSegment[sources.Count];
        // Empty sources would produce no superblank of their own; they translate to empty text.
        var sent = new List<int>();
        var input = new StringBuilder();
        for (int i = 0; i < sources.Count; i++)
        {
            string line = Flatten(sources[i]);
            if (line.Length == 0) { results[i] = new GeneratedSegment("", Attempts: 0); continue; }
            sent.Add(i);
            input.Append(line).Append("\n\n");
        }
        if (sent.Count == 0) return results;

        var clock = Stopwatch.StartNew();
        var arguments = new List<string>();
        if (!markUnknown) arguments.Add("-u");
        arguments.Add(Mode);
        var (code, output, error) = await Run(executable, arguments, input.ToString(), cancellationToken).ConfigureAwait(false);
        if (code != 0)
        {
            if (error.Contains("Mode", StringComparison.OrdinalIgnoreCase) && error.Contains("not", StringComparison.OrdinalIgnoreCase))
                throw new InputException($"apertium has no mode '{Mode}': {error.Trim()}", hint: InstallHint);
            throw new InvalidOperationException($"apertium {Mode} exited with code {code}: {error.Trim()}");
        }
        var outputs = SplitSegments(output);
        if (outputs.Count != sent.Count)
            throw new InvalidOperationException($"apertium {Mode} returned {outputs.Count} segments for {sent.Count} inputs; segment boundaries were lost");
        double perSegment = clock.Elapsed.TotalMilliseconds / sent.Count;
        for (int k = 0; k < sent.Count; k++)
            results[sent[k]] = outputs[k].Length == 0
                ? GeneratedSegment.Failed("apertium produced an empty translation", perSegment)
                : GeneratedSegment.Success(outputs[k], latencyMs: perSegment);
        return results;
    }

    /// <summary>Segments are lines: inner line breaks and tabs become spaces so they cannot split a segment.</summary>
    static string Flatten(string source) =>
        string.Join(' ', source.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Trim();

    /// <summary>Splits Apertium's output back on the blank lines we put between segments.</summary>
    internal static List<string> SplitSegments(string output)
    {
        var segments = new List<string>();
        var current = new StringBuilder();
        foreach (var rawLine in output.Replace("\r\n", "\n").Split('\n'))
        {
            string line = rawLine.Trim();
            if (line.Length == 0)
            {
                if (current.Length > 0) { segments.Add(current.ToString()); current.Clear(); }
                continue;
            }
            if (current.Length > 0) current.Append(' ');
            current.Append(line);
        }
        if (current.Length > 0) segments.Add(current.ToString());
        // Apertium sometimes spaces punctuation ("prueba ."); we keep its output verbatim apart from whitespace.
        return segments.Select(s => string.Join(' ', s.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
    }

    string? InstalledVersion()
    {
        try
        {
            var psi = new ProcessStartInfo("dpkg-query", ["-W", "-f=${Version}", "apertium"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(psi);
            if (process == null) return null;
            string version = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && version.Length > 0 ? version : null;
        }
        catch (Win32Exception) { return null; }
    }

    static async Task<(int Code, string Output, string Error)> Run(string executable, IReadOnlyList<string> arguments, string input, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InputException($"could not start {executable}", hint: InstallHint);
        }
        catch (Win32Exception e)
        {
            throw new InputException($"{executable} is not installed or not on PATH", hint: InstallHint, inner: e);
        }
        using (process)
        {
            // Write and read concurrently: a large batch would otherwise fill the pipe and deadlock.
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken).ConfigureAwait(false);
                process.StandardInput.Close();
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                throw;
            }
            return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
    }
}
