using System.Text.RegularExpressions;

namespace Regurgitate.Studies;

/// <summary>How `study slurm` asks Slurm for resources and starts `regurg` on the compute nodes.</summary>
public sealed partial record SlurmOptions
{
    /// <summary>The study spec, as the compute nodes reach it (an absolute path on the shared filesystem).</summary>
    public required string Spec { get; init; }
    /// <summary>The run directory on the shared filesystem.</summary>
    public required string RunDirectory { get; init; }
    /// <summary>The words of the command that starts `regurg` on a compute node, e.g. ["/shared/regurgitate/regurg"]; each is quoted in the scripts.</summary>
    public required IReadOnlyList<string> Regurg { get; init; }
    /// <summary>The corpora folder, handed to every task as --data-dir.</summary>
    public string? DataDirectory { get; init; }
    /// <summary>--partition, or null for the cluster's default.</summary>
    public string? Partition { get; init; }
    /// <summary>--time (e.g. 4:00:00), or null for the partition's default.</summary>
    public string? Time { get; init; }
    /// <summary>--account, or null.</summary>
    public string? Account { get; init; }
    /// <summary>CPUs for each task; also its libtorch threads.</summary>
    public int CpusPerTask { get; init; } = 2;
    /// <summary>GPUs for each training task (asked for with --gres=gpu:N; the tasks then run with --device cuda).</summary>
    public int GpusPerTask { get; init; }
    /// <summary>Shell lines each task runs first (module loads, a virtual environment, exports).</summary>
    public IReadOnlyList<string> Setup { get; init; } = [];

    /// <summary>
    /// Refuses, naming the option, any value that could change what the scripts do beyond its own place: an
    /// <c>#SBATCH</c> line cannot be quoted (a newline in it would end the directives and start a command), so
    /// directive values follow Slurm's own rules and no value may hold a control character. Everything that goes
    /// into a command line is single-quoted by <see cref="SlurmScripts"/>.
    /// </summary>
    public void Validate()
    {
        NoControl("the spec path", Spec);
        NoControl("--out", RunDirectory);
        // The log path is a Slurm filename pattern, in which a backslash turns the %-patterns off.
        if (RunDirectory.Contains('\\')) throw new InputException($"--out may not hold a backslash (Slurm reads it in the log file pattern): {RunDirectory}");
        foreach (var word in Regurg) NoControl("--regurg", word);
        if (DataDirectory != null) NoControl("--data-dir", DataDirectory);
        foreach (var line in Setup) NoControl("--setup", line);
        if (Partition != null && !NameList().IsMatch(Partition))
            throw Refused("--partition", Partition, "a partition name (or several, comma-separated) of letters, digits, '_', '-' and '.'");
        if (Account != null && !Name().IsMatch(Account))
            throw Refused("--account", Account, "an account name of letters, digits, '_', '-' and '.'");
        if (Time != null && !TimeLimit().IsMatch(Time))
            throw Refused("--time", Time, "a Slurm time limit: MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS");
        if (CpusPerTask < 1) throw new InputException($"--cpus-per-task must be at least 1, not {CpusPerTask}");
        if (GpusPerTask < 0) throw new InputException($"--gpus-per-task must be 0 or more, not {GpusPerTask}");
    }

    static void NoControl(string option, string value)
    {
        int at = value.AsSpan().IndexOfAnyInRange('\0', '\x1f');
        if (at < 0) at = value.IndexOf('\x7f');
        if (at >= 0)
            throw new InputException($"{option} holds a control character ({Describe(value[at])}), which would break the generated scripts",
                hint: "remove it; nothing was written");
    }

    static InputException Refused(string option, string value, string expected)
    {
        NoControl(option, value);
        return new InputException($"{option} must be {expected}, not '{value}'", hint: "nothing was written");
    }

    static string Describe(char c) => c switch
    {
        '\n' => "a newline",
        '\r' => "a carriage return",
        '\t' => "a tab",
        '\0' => "NUL",
        _ => $"U+{(int)c:X4}",
    };

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+$")]
    private static partial Regex Name();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*$")]
    private static partial Regex NameList();

    // Slurm's formats (sbatch --time): minutes, minutes:seconds, hours:minutes:seconds, days-hours,
    // days-hours:minutes, days-hours:minutes:seconds; and its words for no limit.
    [GeneratedRegex(@"^([0-9]+(:[0-9]+){0,2}|[0-9]+-[0-9]+(:[0-9]+){0,2}|UNLIMITED|INFINITE|unlimited|infinite)$")]
    private static partial Regex TimeLimit();
}
