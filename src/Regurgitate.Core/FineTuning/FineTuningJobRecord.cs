using System.Text.Json;
using System.Text.Json.Nodes;

namespace Regurgitate.FineTuning;

/// <summary>A fine-tuning job as the provider last reported it.</summary>
/// <param name="Id">The job id, e.g. "ftjob-abc123".</param>
/// <param name="Model">The base model being fine-tuned.</param>
/// <param name="Status">One of <see cref="FineTuningJobStatus"/>.</param>
/// <param name="TrainingFile">Id of the training file.</param>
public sealed record FineTuningJobRecord(string Id, string Model, string Status, string TrainingFile)
{
    /// <summary>Id of the validation file, if one was given.</summary>
    public string? ValidationFile { get; init; }
    /// <summary>The name to ask for at /v1/chat/completions once the job succeeded.</summary>
    public string? FineTunedModel { get; init; }
    /// <summary>The suffix given at creation.</summary>
    public string? Suffix { get; init; }
    /// <summary>The seed the job trains with (the provider picks one when none was given).</summary>
    public long? Seed { get; init; }
    /// <summary>Epochs the job trains for, when the provider says.</summary>
    public int? Epochs { get; init; }
    /// <summary>Billable tokens trained on, once known.</summary>
    public long? TrainedTokens { get; init; }
    /// <summary>Creation time.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
    /// <summary>End time, once the job ended.</summary>
    public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>Why the job failed, when it did.</summary>
    public FineTuningJobError? Error { get; init; }

    /// <summary>Whether the job will change no more (succeeded, failed or cancelled).</summary>
    public bool IsTerminal => FineTuningJobStatus.IsTerminal(Status);

    /// <summary>Reads a job object of the API (`object: fine_tuning.job`); a body that is not one is a <see cref="FormatException"/>.</summary>
    public static FineTuningJobRecord FromJson(JsonObject job)
    {
        string Required(string name) => job[name]?.GetValueKind() == JsonValueKind.String
            ? job[name]!.GetValue<string>()
            : throw new FormatException($"the fine-tuning job has no '{name}'");
        string? Text(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
        long? Number(JsonNode? node) => node?.GetValueKind() == JsonValueKind.Number ? node.GetValue<long>() : null;
        DateTimeOffset? Time(JsonNode? node) => Number(node) is long seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

        // Epochs sit under method.supervised.hyperparameters in today's API and under hyperparameters in the deprecated form.
        var epochs = job["method"]?["supervised"]?["hyperparameters"]?["n_epochs"] ?? job["hyperparameters"]?["n_epochs"];
        FineTuningJobError? error = null;
        if (job["error"] is JsonObject e && Text(e["message"]) is string message)
            error = new FineTuningJobError(Text(e["code"]), message, Text(e["param"]));
        return new FineTuningJobRecord(Required("id"), Required("model"), Required("status"), Required("training_file"))
        {
            ValidationFile = Text(job["validation_file"]),
            FineTunedModel = Text(job["fine_tuned_model"]),
            Suffix = Text(job["user_provided_suffix"]) ?? Text(job["suffix"]),
            Seed = Number(job["seed"]),
            Epochs = (int?)Number(epochs),
            TrainedTokens = Number(job["trained_tokens"]),
            CreatedAt = Time(job["created_at"]),
            FinishedAt = Time(job["finished_at"]),
            Error = error,
        };
    }
}
