namespace Regurgitate.RunDirectories;

/// <summary>A cell's state: <see cref="Done"/> and <see cref="Failed"/> are recorded in results; the others only shown by `study status`.</summary>
public static class CellStatus
{
    /// <summary>Trained, translated and scored.</summary>
    public const string Done = "done";
    /// <summary>Recorded with the reason it failed.</summary>
    public const string Failed = "failed";
    /// <summary>A process holds the cell's claim.</summary>
    public const string Running = "running";
    /// <summary>No result for the current inputs yet.</summary>
    public const string Pending = "pending";
}
