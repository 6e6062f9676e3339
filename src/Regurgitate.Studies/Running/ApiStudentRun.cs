using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Regurgitate.Corpora;
using Regurgitate.FineTuning;
using Regurgitate.Generators;
using Regurgitate.IO;

namespace Regurgitate.Studies;

/// <summary>
/// One cell's student fine-tuned through an OpenAI-compatible fine-tuning API: its pairs written as chat examples,
/// uploaded with a validation file, a job created and polled to its end, then the test set translated by the
/// fine-tuned model through chat completions (cached and retried like the `openai` generator). Every id the
/// provider hands out is recorded in <c>finetune.json</c> before the next step, so a kill at any moment never
/// submits a job twice: a rerun adopts the recorded job, or finds the one a lost reply created by its training file.
/// </summary>
internal sealed class ApiStudentRun(ApiStudentSpec spec, Action<string> log)
{
    const string StateFile = "finetune.json";

    /// <summary>What the cell's fine-tuning has reached, as recorded.</summary>
    sealed record State(string? TrainingFile, string? ValidationFile, string? JobId, IReadOnlyList<string> FailedJobs);

    FineTuningEndpoint Endpoint() => new(new FineTuningEndpointSettings(spec.Chat.BaseUrl)
    {
        ApiKeyEnvironmentVariable = spec.Chat.ApiKeyEnvironmentVariable,
        MaxRetries = spec.Chat.MaxRetries,
        Backoff = spec.Chat.Backoff,
        PollInterval = spec.PollInitial,
        MaxPollInterval = spec.PollMax,
    }, log);

    ChatFineTuningFormat Format => new(spec.Chat.Prompt, spec.Chat.SourceLanguage, spec.Chat.TargetLanguage) { System = spec.Chat.System };

    /// <summary>
    /// Fine-tunes on <paramref name="train"/> (validation examples from <paramref name="valid"/>) in <paramref name="folder"/>;
    /// returns the artifact record (job id, fine-tuned model, trained tokens, the job's wall time). A job that fails or is
    /// cancelled throws with the provider's reason; the next run starts a new job.
    /// </summary>
    public JsonObject FineTune(string folder, IReadOnlyList<SentencePair> train, IReadOnlyList<SentencePair> valid, string suffix, long seed, CancellationToken cancellation)
    {
        var endpoint = Endpoint();
        var state = Read(folder);
        if (state.JobId != null)
        {
            var before = endpoint.GetJobAsync(state.JobId, cancellation).GetAwaiter().GetResult();
            if (before.Status is FineTuningJobStatus.Failed or FineTuningJobStatus.Cancelled)
            {
                log($"fine-tuning job {before.Id} had {before.Status} ({before.Error?.ToString() ?? "no reason given"}); starting a new one");
                state = state with { JobId = null, FailedJobs = [.. state.FailedJobs, before.Id] };
                Write(folder, state);
            }
        }
        if (state.TrainingFile == null)
        {
            string file = Path.Combine(folder, "train.jsonl");
            ChatFineTuningJsonl.Write(file, train, Format);
            state = state with { TrainingFile = endpoint.UploadAsync(file, cancellation).GetAwaiter().GetResult().Id };
            Write(folder, state);
            log($"uploaded {train.Count:N0} training examples as {state.TrainingFile}");
        }
        if (state.ValidationFile == null && valid.Count > 0)
        {
            string file = Path.Combine(folder, "valid.jsonl");
            ChatFineTuningJsonl.Write(file, valid, Format);
            state = state with { ValidationFile = endpoint.UploadAsync(file, cancellation).GetAwaiter().GetResult().Id };
            Write(folder, state);
            log($"uploaded {valid.Count:N0} validation examples as {state.ValidationFile}");
        }
        if (state.JobId == null)
        {
            // A kill between creating the job and recording it: the job names our training file, which nothing else uses.
            var lost = endpoint.ListJobsAsync(100, cancellation).GetAwaiter().GetResult()
                .FirstOrDefault(j => j.TrainingFile == state.TrainingFile && !state.FailedJobs.Contains(j.Id));
            var job = lost ?? endpoint.CreateJobAsync(new FineTuningJobRequest(spec.Chat.Model, state.TrainingFile)
            {
                ValidationFile = state.ValidationFile, Suffix = suffix, Seed = seed, Epochs = spec.Epochs,
            }, cancellation).GetAwaiter().GetResult();
            state = state with { JobId = job.Id };
            Write(folder, state);
            log(lost != null ? $"found fine-tuning job {job.Id}, created before an interruption" : $"created fine-tuning job {job.Id} on {spec.Chat.Model}");
        }
        var final = endpoint.WaitAsync(state.JobId, cancellationToken: cancellation).GetAwaiter().GetResult();
        if (final.Status != FineTuningJobStatus.Succeeded || final.FineTunedModel == null)
            throw new StudyStageException($"fine-tuning job {final.Id} {final.Status}: {final.Error?.ToString() ?? "the provider gave no reason"}");
        double seconds = final.CreatedAt is { } created && final.FinishedAt is { } finished ? (finished - created).TotalSeconds : 0;
        return new JsonObject
        {
            ["job_id"] = final.Id, ["fine_tuned_model"] = final.FineTunedModel, ["trained_tokens"] = final.TrainedTokens,
            ["epochs"] = final.Epochs ?? spec.Epochs, ["pairs"] = train.Count, ["train_seconds"] = seconds,
        };
    }

    /// <summary>The fine-tuned model's translations of <paramref name="sources"/>, through chat completions (replies cached in <paramref name="folder"/>).</summary>
    public List<string> Translate(string folder, string fineTunedModel, IReadOnlyList<string> sources, CancellationToken cancellation)
    {
        var settings = Format.ChatSettings(spec.Chat.BaseUrl, fineTunedModel) with
        {
            ApiKeyEnvironmentVariable = spec.Chat.ApiKeyEnvironmentVariable, Temperature = spec.Chat.Temperature, MaxTokens = spec.Chat.MaxTokens,
            Seed = spec.Chat.Seed, Concurrency = spec.Chat.Concurrency, MaxRetries = spec.Chat.MaxRetries, Timeout = spec.Chat.Timeout,
            Backoff = spec.Chat.Backoff, CacheDirectory = Path.Combine(folder, "cache"), Name = fineTunedModel,
        };
        using var generator = new OpenAIChatGenerator(settings, r => log(string.Create(CultureInfo.InvariantCulture,
            $"translate: retry {r.Retry} after {r.Reason}, waiting {r.Delay.TotalSeconds:0.0} s")));
        string corpus = Path.Combine(folder, "test.jsonl");
        var generation = new GenerationRun(generator, sources, corpus);
        generation.RunAsync(retryFailed: true, cancellationToken: cancellation).GetAwaiter().GetResult();
        var output = new string?[sources.Count];
        var failures = File.Exists(generation.FailuresPath) ? SyntheticCorpusJsonl.Read(generation.FailuresPath) : [];
        foreach (var segment in SyntheticCorpusJsonl.Read(corpus).Concat(failures))
            // An empty reply is the student's answer (scored as an empty hypothesis), not a failure to reach it.
            output[segment.Id - 1] = segment.Result.Text?.Replace('\n', ' ').Replace('\r', ' ')
                ?? (segment.Result.Failure?.StartsWith("empty reply", StringComparison.Ordinal) == true ? "" : null);
        int failed = output.Count(o => o == null);
        if (failed > 0)
            throw new StudyStageException($"{failed} of {sources.Count} test sentences could not be translated by {fineTunedModel} (reasons in {generation.FailuresPath}); a rerun retries them");
        return [.. output.Select(o => o!)];
    }

    static State Read(string folder)
    {
        string file = Path.Combine(folder, StateFile);
        if (!File.Exists(file)) return new State(null, null, null, []);
        var json = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        return new State((string?)json["training_file"], (string?)json["validation_file"], (string?)json["job_id"],
            json["failed_jobs"]?.AsArray().Select(j => (string)j!).ToList() ?? []);
    }

    static void Write(string folder, State state) => AtomicFile.WriteAllText(Path.Combine(folder, StateFile), new JsonObject
    {
        ["training_file"] = state.TrainingFile, ["validation_file"] = state.ValidationFile, ["job_id"] = state.JobId,
        ["failed_jobs"] = new JsonArray(state.FailedJobs.Select(j => (JsonNode?)JsonValue.Create(j)).ToArray()),
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
}
