using Regurgitate.Generators;
using Regurgitate.IO;

namespace Regurgitate.Serving;

/// <summary>
/// `regurg serve --fine-tuning`: the files and fine-tuning API of OpenAI on 127.0.0.1 over a base checkpoint of
/// ours. Jobs fine-tune the base on uploaded chat examples in the background, one at a time; /v1/chat/completions
/// translates with the base or any fine-tuned model named by `model`. Everything lives in the state directory
/// (one server at a time), so a restarted server goes on with its jobs.
/// </summary>
public sealed class FineTuningServer : IAsyncDisposable
{
    readonly OutputLock stateLock;
    readonly FineTuningJobQueue queue;
    readonly FineTunedModelCatalog catalog;
    readonly TranslationServer server;

    FineTuningServer(OutputLock stateLock, FineTuningJobStore jobs, FineTuningJobQueue queue, FineTunedModelCatalog catalog, TranslationServer server)
    {
        this.stateLock = stateLock;
        Jobs = jobs;
        this.queue = queue;
        this.catalog = catalog;
        this.server = server;
    }

    /// <summary>The API base clients use, e.g. http://127.0.0.1:41234/v1.</summary>
    public Uri BaseUrl => server.BaseUrl;
    /// <summary>The base model's name: what jobs fine-tune.</summary>
    public string BaseModel => catalog.BaseName;
    /// <summary>The jobs, as stored.</summary>
    public FineTuningJobStore Jobs { get; }
    /// <summary>Chat completion requests received.</summary>
    public long Requests => server.Requests;
    /// <summary>Requests answered with an injected fault (`--inject-faults`), fine-tuning API requests included.</summary>
    public long FaultsInjected => server.FaultsInjected;

    /// <summary>
    /// Loads the base model, opens the state directory (creating it), goes on with the stored jobs and starts
    /// listening; <paramref name="serverOptions"/> sets the port, API key, faults and request log as for `serve`.
    /// A bad base, a damaged state file or a port in use fails the start with nothing left behind: a state
    /// directory this call created is removed again.
    /// </summary>
    public static async Task<FineTuningServer> StartAsync(FineTuningServerOptions options, TranslationServerOptions serverOptions, CancellationToken cancellationToken = default)
    {
        if (File.Exists(options.StateDirectory)) throw new InputException("is a file, not a state directory", options.StateDirectory, hint: "give --state a directory");
        // The base first: a wrong --base must not leave a state directory behind.
        var baseModel = NmtBackend.Load(options.BaseCheckpoint, options.Decoding, options.Device, options.BaseModelName ?? serverOptions.ModelName);
        var disposables = new List<IDisposable> { baseModel };
        string state = Path.GetFullPath(options.StateDirectory);
        string? createdRoot = FirstMissing(state);
        bool wasEmpty = createdRoot != null || !Directory.EnumerateFileSystemEntries(state).Any();
        try
        {
            string baseIdentity = BaseCheckpointIdentity.Of(options.BaseCheckpoint);
            var stateLock = OutputLock.ForDirectory(options.StateDirectory);
            disposables.Add(stateLock);
            var files = new UploadedFileStore(options.StateDirectory);
            var jobs = new FineTuningJobStore(options.StateDirectory);
            var catalog = new FineTunedModelCatalog(options, jobs, baseModel);
            // The catalog disposes the base model from here on.
            disposables.Remove(baseModel);
            disposables.Add(catalog);
            var queue = new FineTuningJobQueue(jobs, files, options, baseIdentity);
            FineTuningRoutes? routes = null;
            var server = await TranslationServer.StartAsync(catalog, serverOptions with { Prompt = serverOptions.Prompt ?? options.Prompt }, (app, s) =>
            {
                routes = new FineTuningRoutes(s, files, jobs, queue, catalog, options, baseIdentity);
                routes.Map(app);
            }, cancellationToken).ConfigureAwait(false);
            queue.Start();
            return new FineTuningServer(stateLock, jobs, queue, catalog, server);
        }
        catch
        {
            foreach (var d in Enumerable.Reverse(disposables)) d.Dispose();
            RemoveCreated(state, createdRoot, wasEmpty);
            throw;
        }
    }

    /// <summary>The outermost folder of <paramref name="path"/> that does not exist yet (what creating it would create), or null.</summary>
    static string? FirstMissing(string path)
    {
        string? missing = null;
        for (string? at = path; at != null && !Directory.Exists(at); at = Path.GetDirectoryName(at)) missing = at;
        return missing;
    }

    /// <summary>Undoes what a failed start created: the folders it made, or the contents of a state directory that was empty.</summary>
    static void RemoveCreated(string state, string? createdRoot, bool wasEmpty)
    {
        try
        {
            if (createdRoot != null && Directory.Exists(createdRoot)) Directory.Delete(createdRoot, recursive: true);
            else if (wasEmpty && Directory.Exists(state))
                foreach (var entry in new DirectoryInfo(state).EnumerateFileSystemInfos())
                {
                    if (entry is DirectoryInfo folder) folder.Delete(recursive: true);
                    else entry.Delete();
                }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the start's own error is what the user needs to see.
        }
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> fires.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => server.WaitAsync(cancellationToken);

    /// <summary>Stops listening and stops the worker; a job in training keeps its checkpoint and stays running for the next server.</summary>
    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync().ConfigureAwait(false);
        await queue.DisposeAsync().ConfigureAwait(false);
        catalog.Dispose();
        stateLock.Dispose();
    }
}
