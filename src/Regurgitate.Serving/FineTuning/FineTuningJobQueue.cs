using System.Collections.Concurrent;
using System.Globalization;
using Regurgitate.Corpora;
using Regurgitate.FineTuning;
using Regurgitate.Progress;

namespace Regurgitate.Serving;

/// <summary>
/// Runs the jobs of a <see cref="FineTuningJobStore"/>: files are validated as soon as a job is created
/// (validating_files → queued, or failed naming the bad line), and one background worker trains queued jobs one at
/// a time, oldest first (queued → running → succeeded or failed). On start it goes on with what the store holds:
/// jobs still validating are validated again, and queued and running ones are trained, a running one resuming
/// from its last checkpoint. Stopping (<see cref="DisposeAsync"/>) interrupts training, which saves a checkpoint first.
/// </summary>
internal sealed class FineTuningJobQueue : IAsyncDisposable
{
    readonly FineTuningJobStore jobs;
    readonly UploadedFileStore files;
    readonly FineTuningServerOptions options;
    readonly string baseIdentity;
    readonly CancellationTokenSource stopping = new();
    readonly SemaphoreSlim wake = new(0);
    readonly ConcurrentDictionary<string, CancellationTokenSource> training = new(StringComparer.Ordinal);
    readonly List<Task> validations = [];
    Task worker = Task.CompletedTask;

    /// <param name="jobs">The jobs it runs.</param>
    /// <param name="files">The uploads their files come from.</param>
    /// <param name="options">How jobs train.</param>
    /// <param name="baseIdentity">The <see cref="BaseCheckpointIdentity"/> of the server's base: a job recorded with another one is failed at start.</param>
    public FineTuningJobQueue(FineTuningJobStore jobs, UploadedFileStore files, FineTuningServerOptions options, string baseIdentity)
    {
        this.jobs = jobs;
        this.files = files;
        this.options = options;
        this.baseIdentity = baseIdentity;
    }

    /// <summary>Goes on with the stored jobs (failing those asked of another base checkpoint) and starts the worker.</summary>
    public void Start()
    {
        foreach (var job in jobs.List().Where(j => !FineTuningJobStatus.IsTerminal(j.Status)))
        {
            if (job.BaseIdentity == null)
                // A job of a server that recorded no identity: the base it was given now is the best account of it.
                jobs.Update(job.Id, j => j with { BaseIdentity = baseIdentity });
            else if (job.BaseIdentity != baseIdentity)
                Fail(job.Id, "base_model_changed",
                    $"the server's base checkpoint is not the one this job was created on ({job.Model}, {Short(job.BaseIdentity)}; the server now has {Short(baseIdentity)} from {options.BaseCheckpoint}); " +
                    "create the job again, or restart the server with the original --base", null);
        }
        foreach (var job in jobs.List().Where(j => j.Status == FineTuningJobStatus.ValidatingFiles)) Submit(job.Id);
        worker = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Validates a new job's files in the background, then queues it.</summary>
    public void Submit(string id)
    {
        lock (validations) validations.Add(Task.Run(() => Validate(id)));
    }

    /// <summary>
    /// Cancels job <paramref name="id"/>: a validating or queued job at once, a running one by stopping its training.
    /// Returns the job, or null when it had already ended (nothing to cancel).
    /// </summary>
    public FineTuningJobState? Cancel(string id)
    {
        bool ended = false;
        var job = jobs.Update(id, j =>
        {
            if (FineTuningJobStatus.IsTerminal(j.Status)) { ended = true; return j; }
            return j with { Status = FineTuningJobStatus.Cancelled, FinishedAt = Now() };
        });
        if (ended) return null;
        jobs.AddEvent(id, "Fine-tuning job cancelled");
        if (training.TryGetValue(id, out var cts)) cts.Cancel();
        Log($"{id}: cancelled");
        return jobs.Get(id);
    }

    void Validate(string id)
    {
        try
        {
            var job = jobs.Get(id)!;
            jobs.AddEvent(id, $"Validating training file: {job.TrainingFile}" + (job.ValidationFile == null ? "" : $" and validation file: {job.ValidationFile}"));
            string folder = jobs.FolderOf(id);
            int trainCount = Copy(job.TrainingFile, "training_file", Path.Combine(folder, "training.jsonl"));
            int validCount = job.ValidationFile == null ? 0 : Copy(job.ValidationFile, "validation_file", Path.Combine(folder, "validation.jsonl"));
            bool queued = false;
            jobs.Update(id, j =>
            {
                if (j.Status != FineTuningJobStatus.ValidatingFiles) return j;
                queued = true;
                return j with { Status = FineTuningJobStatus.Queued };
            });
            if (!queued) return;
            jobs.AddEvent(id, $"Files validated ({trainCount} training and {validCount} validation examples), moving job to queued state");
            Log($"{id}: queued ({trainCount} training examples)");
            wake.Release();
        }
        catch (FileProblem problem)
        {
            Fail(id, problem.Code, problem.Message, problem.Param);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(id, "server_error", $"the server could not read the files: {e.Message}", null);
        }
    }

    /// <summary>Checks the uploaded file <paramref name="fileId"/> and keeps a copy of it with the job (so deleting the upload leaves the job whole).</summary>
    int Copy(string fileId, string param, string copy)
    {
        if (files.Get(fileId) == null) throw new FileProblem("invalid_file", $"the {param} {fileId} no longer exists", param);
        string data = files.DataPath(fileId);
        IReadOnlyList<ChatFineTuningExample> examples;
        try
        {
            examples = ChatFineTuningJsonl.Read(data, options.Prompt);
        }
        catch (InputException e)
        {
            // The provider names the uploaded file, not our path to its bytes.
            string where = e.Line is long line ? $"line {line}" : "the file";
            throw new FileProblem("invalid_file_format", $"the {param} {fileId} is not a valid chat fine-tuning file: {where} {e.Problem}", param);
        }
        if (!File.Exists(copy) || new FileInfo(copy).Length != new FileInfo(data).Length)
            IO.AtomicFile.Write(copy, stream => { using var source = File.OpenRead(data); source.CopyTo(stream); });
        return examples.Count;
    }

    sealed class FileProblem(string code, string message, string param) : Exception(message)
    {
        public string Code { get; } = code;
        public string Param { get; } = param;
    }

    void Work()
    {
        // Jobs a previous server left running go first (oldest first), then the queue in creation order.
        while (!stopping.IsCancellationRequested)
        {
            var next = jobs.List()
                .Where(j => j.Status is FineTuningJobStatus.Running or FineTuningJobStatus.Queued)
                .OrderBy(j => j.Status == FineTuningJobStatus.Running ? 0 : 1).ThenBy(j => j.CreatedTicks).ThenBy(j => j.Id, StringComparer.Ordinal)
                .FirstOrDefault();
            if (next == null)
            {
                try { wake.Wait(stopping.Token); } catch (OperationCanceledException) { return; }
                continue;
            }
            Train(next.Id);
        }
    }

    void Train(string id)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        training[id] = cts;
        try
        {
            bool resumed = false;
            var job = jobs.Update(id, j =>
            {
                if (j.Status == FineTuningJobStatus.Running) { resumed = true; return j; }
                return j.Status == FineTuningJobStatus.Queued ? j with { Status = FineTuningJobStatus.Running } : j;
            });
            if (job.Status != FineTuningJobStatus.Running) return;
            jobs.AddEvent(id, resumed ? "Fine-tuning job resumed after a server restart" : "Fine-tuning job started");
            Log($"{id}: {(resumed ? "resumed" : "started")} ({job.Epochs} epochs, seed {job.Seed})");

            string folder = jobs.FolderOf(id);
            var train = Pairs(Path.Combine(folder, "training.jsonl"));
            var valid = job.ValidationFile == null ? null : Pairs(Path.Combine(folder, "validation.jsonl"));
            var progress = new Progress(update => jobs.AddEvent(id,
                string.Create(CultureInfo.InvariantCulture, $"Step {update.Done}: {update.Task}, {update.Detail}"), type: "metrics"));
            var result = FineTuningJobTraining.Run(job, jobs.RunOf(id), train, valid, options,
                line => jobs.AddEvent(id, line), progress, cts.Token);

            string model = $"ft:{job.Model}:{job.Suffix}:{job.Id}";
            bool succeeded = false;
            jobs.Update(id, j =>
            {
                if (j.Status != FineTuningJobStatus.Running) return j;
                succeeded = true;
                return j with { Status = FineTuningJobStatus.Succeeded, FineTunedModel = model, TrainedTokens = result.State.TargetTokens, FinishedAt = Now() };
            });
            if (!succeeded) return;
            jobs.AddEvent(id, $"New fine-tuned model created: {model}");
            jobs.AddEvent(id, "The job has successfully completed");
            Log($"{id}: succeeded: {model} ({result.State.Updates} updates)");
        }
        catch (Exception e) when (e is InterruptedRunException or OperationCanceledException)
        {
            if (jobs.Get(id)?.Status == FineTuningJobStatus.Running)
            {
                // The server is stopping: the job stays running, and the next server resumes it from the checkpoint just saved.
                jobs.AddEvent(id, "The server stopped; training resumes from its last checkpoint when it restarts", "warn");
                Log($"{id}: checkpoint kept; restart the server on the same --state to resume");
            }
        }
        catch (InputException e)
        {
            Fail(id, "training_failed", e.Message, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Fail(id, "server_error", $"{e.GetType().Name}: {e.Message.Split('\n')[0]}", null);
        }
        finally
        {
            training.TryRemove(id, out _);
        }
    }

    List<SentencePair> Pairs(string path) =>
        ChatFineTuningJsonl.Read(path, options.Prompt).Select(e => new SentencePair(e.Source, e.Target, Provenance.Human)).ToList();

    void Fail(string id, string code, string message, string? param)
    {
        bool failed = false;
        jobs.Update(id, j =>
        {
            if (FineTuningJobStatus.IsTerminal(j.Status)) return j;
            failed = true;
            return j with { Status = FineTuningJobStatus.Failed, Error = new FineTuningJobError(code, message, param), FinishedAt = Now() };
        });
        if (!failed) return;
        jobs.AddEvent(id, message, "error");
        Log($"{id}: failed: {message}");
    }

    void Log(string line) => options.Log?.Invoke("fine-tuning: " + line);

    static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    static string Short(string identity) => identity.Length > 19 ? identity[..19] : identity;

    /// <summary>Reports progress on the training thread itself (System.Progress would post to the thread pool, out of order).</summary>
    sealed class Progress(Action<ProgressUpdate> report) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) => report(value);
    }

    /// <summary>Stops the worker; a job in training saves its checkpoint and stays running for the next server.</summary>
    public async ValueTask DisposeAsync()
    {
        stopping.Cancel();
        Task[] pending;
        lock (validations) pending = [.. validations];
        await Task.WhenAll(pending.Append(worker)).ConfigureAwait(false);
        stopping.Dispose();
        wake.Dispose();
    }
}
