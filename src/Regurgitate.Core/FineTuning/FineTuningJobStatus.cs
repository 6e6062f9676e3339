namespace Regurgitate.FineTuning;

/// <summary>The status values of a fine-tuning job, as the OpenAI API spells them.</summary>
public static class FineTuningJobStatus
{
    public const string ValidatingFiles = "validating_files";
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    /// <summary>Whether a job in <paramref name="status"/> will change no more.</summary>
    public static bool IsTerminal(string status) => status is Succeeded or Failed or Cancelled;
}
