using System.Text.Json.Nodes;
using Regurgitate.FineTuning;

namespace Regurgitate.Serving;

/// <summary>
/// A fine-tuning job as the server stores it (<c>STATE/jobs/ID/job.json</c>): what was asked, where it stands,
/// and its events. Everything a restarted server needs to go on with it.
/// </summary>
/// <param name="Id">"ftjob-" and 24 hex digits.</param>
/// <param name="Model">The base model.</param>
/// <param name="TrainingFile">Id of the training file.</param>
/// <param name="ValidationFile">Id of the validation file, or null.</param>
/// <param name="Suffix">The user's suffix, or null.</param>
/// <param name="Seed">The seed it trains with (drawn at creation when none was given).</param>
/// <param name="Epochs">Epochs it trains for.</param>
/// <param name="CreatedAt">Unix seconds.</param>
public sealed record FineTuningJobState(string Id, string Model, string TrainingFile, string? ValidationFile, string? Suffix, long Seed, int Epochs, long CreatedAt)
{
    /// <summary>Creation time in ticks: orders jobs created in the same second.</summary>
    public long CreatedTicks { get; init; }
    /// <summary>One of <see cref="FineTuningJobStatus"/>.</summary>
    public string Status { get; init; } = FineTuningJobStatus.ValidatingFiles;
    /// <summary>Unix seconds at the end, once ended.</summary>
    public long? FinishedAt { get; init; }
    /// <summary>The fine-tuned model's name, once succeeded.</summary>
    public string? FineTunedModel { get; init; }
    /// <summary>Target tokens trained on, once succeeded.</summary>
    public long? TrainedTokens { get; init; }
    /// <summary>Why it failed.</summary>
    public FineTuningJobError? Error { get; init; }
    /// <summary>The content identity of the base checkpoint it fine-tunes (<see cref="BaseCheckpointIdentity"/>); null in jobs of older servers.</summary>
    public string? BaseIdentity { get; init; }
    /// <summary>Its events, oldest first.</summary>
    public IReadOnlyList<FineTuningJobEvent> Events { get; init; } = [];

    /// <summary>The API's job object.</summary>
    public JsonObject ToApiJson()
    {
        JsonObject Hyperparameters() => new() { ["n_epochs"] = Epochs, ["batch_size"] = "auto", ["learning_rate_multiplier"] = "auto" };
        return new JsonObject
        {
            ["object"] = "fine_tuning.job",
            ["id"] = Id,
            ["model"] = Model,
            ["created_at"] = CreatedAt,
            ["finished_at"] = FinishedAt,
            ["fine_tuned_model"] = FineTunedModel,
            ["organization_id"] = "org-local",
            ["result_files"] = new JsonArray(),
            ["status"] = Status,
            ["validation_file"] = ValidationFile,
            ["training_file"] = TrainingFile,
            ["hyperparameters"] = Hyperparameters(),
            ["method"] = new JsonObject { ["type"] = "supervised", ["supervised"] = new JsonObject { ["hyperparameters"] = Hyperparameters() } },
            ["trained_tokens"] = TrainedTokens,
            ["error"] = Error == null ? null : new JsonObject { ["code"] = Error.Code, ["message"] = Error.Message, ["param"] = Error.Param },
            ["user_provided_suffix"] = Suffix,
            ["seed"] = Seed,
            ["estimated_finish"] = null,
            ["integrations"] = new JsonArray(),
            ["metadata"] = null,
        };
    }
}
