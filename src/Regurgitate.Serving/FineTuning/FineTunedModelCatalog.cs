using Regurgitate.FineTuning;
using Regurgitate.Generators;

namespace Regurgitate.Serving;

/// <summary>
/// The models of a fine-tuning server: the base model and the fine-tuned model of every job that succeeded. Each is
/// loaded on its first request and then kept (our CPU models are small); the catalog disposes them.
/// </summary>
internal sealed class FineTunedModelCatalog : IModelCatalog, IDisposable
{
    readonly FineTuningServerOptions options;
    readonly FineTuningJobStore jobs;
    readonly SemaphoreSlim loading = new(1, 1);
    readonly Dictionary<string, ITranslationBackend> loaded = new(StringComparer.Ordinal);

    public FineTunedModelCatalog(FineTuningServerOptions options, FineTuningJobStore jobs, ITranslationBackend baseModel)
    {
        this.options = options;
        this.jobs = jobs;
        BaseName = baseModel.Name;
        loaded[BaseName] = baseModel;
    }

    /// <summary>The base model's name: what jobs fine-tune.</summary>
    public string BaseName { get; }

    public IReadOnlyList<ServedModel> List() =>
        [new ServedModel(BaseName), .. jobs.List().Where(j => j.FineTunedModel != null).Reverse()
            .Select(j => new ServedModel(j.FineTunedModel!, j.FinishedAt ?? j.CreatedAt, "org-local"))];

    public async ValueTask<ITranslationBackend?> OpenAsync(string model, CancellationToken cancellationToken)
    {
        await loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (loaded.TryGetValue(model, out var backend)) return backend;
            var job = jobs.List().FirstOrDefault(j => j.Status == FineTuningJobStatus.Succeeded && j.FineTunedModel == model);
            if (job == null) return null;
            // Loading reads a checkpoint from disk: off the request thread, and one at a time.
            backend = await Task.Run(() => NmtBackend.Load(jobs.RunOf(job.Id), options.Decoding, options.Device, model), cancellationToken).ConfigureAwait(false);
            loaded[model] = backend;
            return backend;
        }
        finally
        {
            loading.Release();
        }
    }

    public void Dispose()
    {
        foreach (var backend in loaded.Values) backend.Dispose();
        loaded.Clear();
        loading.Dispose();
    }
}
