using System.Diagnostics;

namespace Regurgitate.Studies;

/// <summary>How to run a study: where, how many cells at once, which cell.</summary>
public sealed record StudyRunOptions
{
    /// <summary>The run directory.</summary>
    public required string RunDirectory { get; init; }
    /// <summary>Cells run at once (each in its own process when above 1).</summary>
    public int Jobs { get; init; } = 1;
    /// <summary>libtorch threads per job; null: the machine's cores divided by <see cref="Jobs"/>.</summary>
    public int? Threads { get; init; }
    /// <summary>
    /// Run only this cell (and what it needs), as a cluster array task or a parallel run's child does; or one of
    /// <see cref="StudyUnits"/>' shared units (the tokenizer, a generator) or its closing report step.
    /// </summary>
    public string? Cell { get; init; }
    /// <summary>
    /// Work as one of any number of processes sharing the run directory: take the next free piece of work
    /// (shared artifacts first, then cells) until every cell has a result; a dead worker's claim is taken over.
    /// </summary>
    public bool Worker { get; init; }
    /// <summary>Spend what the API cells are estimated to cost even above the spec's `confirm_above` (--yes).</summary>
    public bool ConfirmedCost { get; init; }
    /// <summary>Where students and teachers train and translate: "cpu" or "cuda[:N]".</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>The data directory, handed on to child processes.</summary>
    public string? DataDirectory { get; init; }
    /// <summary>
    /// How to start `regurg` with the given arguments, for running cells in child processes (<see cref="Jobs"/> above 1).
    /// libtorch's thread count and default generator are process-wide, so parallel cells need processes of their own.
    /// </summary>
    public Func<IReadOnlyList<string>, ProcessStartInfo>? ChildProcess { get; init; }

    /// <summary>Threads each job uses: the cores shared out so that the jobs do not oversubscribe them.</summary>
    public int ThreadsPerJob => Threads ?? Math.Max(1, Environment.ProcessorCount / Math.Max(1, Jobs));
}
