namespace Regurgitate.Studies;

/// <summary>How `study slurm` asks Slurm for resources and starts `regurg` on the compute nodes.</summary>
public sealed record SlurmOptions
{
    /// <summary>The study spec, as the compute nodes reach it (an absolute path on the shared filesystem).</summary>
    public required string Spec { get; init; }
    /// <summary>The run directory on the shared filesystem.</summary>
    public required string RunDirectory { get; init; }
    /// <summary>The command line that starts `regurg` on a compute node, e.g. "/shared/regurgitate/regurg".</summary>
    public required string Regurg { get; init; }
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
}
