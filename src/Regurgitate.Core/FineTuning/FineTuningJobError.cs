namespace Regurgitate.FineTuning;

/// <summary>Why a fine-tuning job failed, as the provider said it.</summary>
/// <param name="Code">A machine-readable code, e.g. "invalid_training_file".</param>
/// <param name="Message">The provider's words.</param>
/// <param name="Param">The request field at fault, e.g. "training_file", if named.</param>
public sealed record FineTuningJobError(string? Code, string Message, string? Param)
{
    public override string ToString() => Code == null ? Message : $"{Code}: {Message}";
}
