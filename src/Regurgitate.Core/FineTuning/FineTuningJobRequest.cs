namespace Regurgitate.FineTuning;

/// <summary>What a new fine-tuning job is: the base model, the uploaded files, and the few settings we use.</summary>
/// <param name="Model">The base model to fine-tune.</param>
/// <param name="TrainingFile">Id of the uploaded training file.</param>
public sealed record FineTuningJobRequest(string Model, string TrainingFile)
{
    /// <summary>Id of the uploaded validation file.</summary>
    public string? ValidationFile { get; init; }
    /// <summary>Up to 64 characters put into the fine-tuned model's name.</summary>
    public string? Suffix { get; init; }
    /// <summary>Seed of the job; null lets the provider pick (and report) one.</summary>
    public long? Seed { get; init; }
    /// <summary>Epochs; null lets the provider choose ("auto").</summary>
    public int? Epochs { get; init; }
}
