using System.Security.Cryptography;
using System.Text.Json;
using Regurgitate.FineTuning;
using Regurgitate.IO;

namespace Regurgitate.Serving;

/// <summary>
/// The jobs of a fine-tuning server, one folder each under <c>STATE/jobs/ID/</c>: <c>job.json</c> (the
/// <see cref="FineTuningJobState"/>, rewritten atomically on every change), the validated copies of its files
/// (<c>training.jsonl</c>, <c>validation.jsonl</c>) and the training run (<c>run/</c>). Changes go through one lock,
/// so a status change and an event never overwrite each other.
/// </summary>
public sealed class FineTuningJobStore
{
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    static readonly string[] Statuses = [FineTuningJobStatus.ValidatingFiles, FineTuningJobStatus.Queued, FineTuningJobStatus.Running,
        FineTuningJobStatus.Succeeded, FineTuningJobStatus.Failed, FineTuningJobStatus.Cancelled];
    readonly string directory;
    readonly Lock gate = new();
    readonly Dictionary<string, FineTuningJobState> jobs = new(StringComparer.Ordinal);

    /// <summary>Opens (creating) the store in <paramref name="stateDirectory"/> and reads every job in it.</summary>
    public FineTuningJobStore(string stateDirectory)
    {
        directory = Path.Combine(stateDirectory, "jobs");
        Directory.CreateDirectory(directory);
        foreach (var folder in Directory.EnumerateDirectories(directory, "ftjob-*"))
        {
            string file = Path.Combine(folder, "job.json");
            // A folder without job.json is a creation that a kill interrupted before it was recorded: no job.
            if (!File.Exists(file)) continue;
            // Temporary files of writes a kill interrupted (we hold the state's lock: no one else is writing).
            foreach (string temporary in Directory.EnumerateFiles(folder, ".*.tmp")) File.Delete(temporary);
            try
            {
                var job = JsonSerializer.Deserialize<FineTuningJobState>(File.ReadAllText(file), Json) ?? throw new JsonException("empty");
                if (job.Id != Path.GetFileName(folder) || job.Model == null || job.TrainingFile == null || job.Events == null || job.Events.Any(e => e == null)
                    || !Statuses.Contains(job.Status))
                    throw new JsonException("a field is missing or holds a value no job has");
                jobs[job.Id] = job;
            }
            catch (JsonException e)
            {
                throw new InputException($"is not a readable fine-tuning job ({e.Message.Split('\n')[0]})", file, hint: "the state directory is damaged; move that job's folder away");
            }
        }
    }

    /// <summary>A new job id.</summary>
    public static string NewId() => "ftjob-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>A new event id.</summary>
    public static string NewEventId() => "ftevent-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>Records a new job.</summary>
    public FineTuningJobState Add(FineTuningJobState job)
    {
        lock (gate)
        {
            Save(job);
            jobs[job.Id] = job;
            return job;
        }
    }

    /// <summary>The job <paramref name="id"/>, or null.</summary>
    public FineTuningJobState? Get(string id)
    {
        lock (gate) return jobs.GetValueOrDefault(id);
    }

    /// <summary>Every job, newest first (the API's order).</summary>
    public IReadOnlyList<FineTuningJobState> List()
    {
        lock (gate) return jobs.Values.OrderByDescending(j => j.CreatedTicks).ThenByDescending(j => j.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Applies <paramref name="change"/> to job <paramref name="id"/> and stores the result; <paramref name="change"/>
    /// returns its argument to change nothing. Returns the job as it then stands.
    /// </summary>
    public FineTuningJobState Update(string id, Func<FineTuningJobState, FineTuningJobState> change)
    {
        lock (gate)
        {
            var before = jobs[id];
            var after = change(before);
            if (ReferenceEquals(before, after)) return before;
            Save(after);
            jobs[id] = after;
            return after;
        }
    }

    /// <summary>Appends an event to job <paramref name="id"/>.</summary>
    public FineTuningJobState AddEvent(string id, string message, string level = "info", string type = "message") =>
        Update(id, job => job with { Events = [.. job.Events, new FineTuningJobEvent(NewEventId(), DateTimeOffset.UtcNow.ToUnixTimeSeconds(), level, message, type)] });

    /// <summary>The folder of job <paramref name="id"/>.</summary>
    public string FolderOf(string id) => Path.Combine(directory, id);

    /// <summary>The training run of job <paramref name="id"/>: the fine-tuned model once it succeeded.</summary>
    public string RunOf(string id) => Path.Combine(FolderOf(id), "run");

    void Save(FineTuningJobState job) => AtomicFile.WriteAllText(Path.Combine(FolderOf(job.Id), "job.json"), JsonSerializer.Serialize(job, Json));
}
