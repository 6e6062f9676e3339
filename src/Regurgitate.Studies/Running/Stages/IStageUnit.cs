namespace Regurgitate.Studies;

/// <summary>
/// One unit of a study's work: the tokenizer, a generator (with its teacher), a pair score, or a cell's student. The
/// schedulers (<see cref="StudyRunner"/> in process, child processes for --jobs, <see cref="WorkerLoop"/> for workers
/// and Slurm tasks) run every unit through this one interface, so a new kind of work is a new stage, not a new branch.
/// </summary>
internal interface IStageUnit
{
    /// <summary>The unit's id: what `study run --cell` names (a cell id, "tokenizer", "generator:NAME").</summary>
    string Id { get; }

    /// <summary>Whether it is built, or failed with its reason recorded.</summary>
    bool Settled { get; }

    /// <summary>Whether everything it needs has settled, so that running it now waits for no other process.</summary>
    bool Ready { get; }

    /// <summary>Builds it (a cached result makes this cheap); a failure the study can go on without is recorded, not thrown.</summary>
    void Run(CancellationToken cancellation);
}
