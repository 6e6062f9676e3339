using System.Text.Json.Nodes;
using Regurgitate.FineTuning;

namespace Regurgitate.Tests.FineTuning;

/// <summary>Job objects of the API, as the OpenAI reference documents them, read into our record.</summary>
public class FineTuningJobRecordTests
{
    [Fact]
    public void Reads_a_succeeded_job_with_method_hyperparameters()
    {
        var job = FineTuningJobRecord.FromJson(JsonNode.Parse("""
            {"object": "fine_tuning.job", "id": "ftjob-abc123", "model": "gpt-4o-mini-2024-07-18", "created_at": 1721764800,
             "finished_at": 1721765800, "fine_tuned_model": "ft:gpt-4o-mini-2024-07-18:org::9ABCdef", "organization_id": "org-123",
             "result_files": ["file-xyz"], "status": "succeeded", "validation_file": null, "training_file": "file-abc123",
             "trained_tokens": 5768, "error": null, "seed": 42, "user_provided_suffix": null,
             "method": {"type": "supervised", "supervised": {"hyperparameters": {"n_epochs": 3, "batch_size": 1, "learning_rate_multiplier": 1.8}}}}
            """)!.AsObject());
        Assert.Equal(("ftjob-abc123", FineTuningJobStatus.Succeeded, "file-abc123"), (job.Id, job.Status, job.TrainingFile));
        Assert.Equal("ft:gpt-4o-mini-2024-07-18:org::9ABCdef", job.FineTunedModel);
        Assert.Equal((3, 42L, 5768L), (job.Epochs, job.Seed, job.TrainedTokens));
        Assert.True(job.IsTerminal);
        Assert.Null(job.Error);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1721765800), job.FinishedAt);
    }

    [Fact]
    public void Reads_a_failed_jobs_error_and_the_deprecated_hyperparameters()
    {
        var job = FineTuningJobRecord.FromJson(JsonNode.Parse("""
            {"id": "ftjob-1", "model": "m", "status": "failed", "training_file": "file-1", "hyperparameters": {"n_epochs": 2},
             "error": {"code": "invalid_training_file", "message": "line 3 has no assistant message", "param": "training_file"}}
            """)!.AsObject());
        Assert.Equal(2, job.Epochs);
        Assert.Equal(new FineTuningJobError("invalid_training_file", "line 3 has no assistant message", "training_file"), job.Error);
        Assert.Throws<FormatException>(() => FineTuningJobRecord.FromJson(JsonNode.Parse("{\"id\": \"x\"}")!.AsObject()));
    }
}
