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
    /// Opens the state directory (creating it), loads the base model, goes on with the stored jobs and starts
    /// listening; <paramref name="serverOptions"/> sets the port, API key, faults and request log as for `serve`.
    /// </summary>
    public static async Task<FineTuningServer> StartAsync(FineTuningServerOptions options, TranslationServerOptions serverOptions, CancellationToken cancellationToken = default)
    {
        if (File.Exists(options.StateDirectory)) throw new InputException("is a file, not a state directory", options.StateDirectory, hint: "give --state a directory");
        var stateLock = OutputLock.ForDirectory(options.StateDirectory);
        var disposables = new List<IDisposable> { stateLock };
        try
        {
            var files = new UploadedFileStore(options.StateDirectory);
            var jobs = new FineTuningJobStore(options.StateDirectory);
            var baseModel = NmtBackend.Load(options.BaseCheckpoint, options.Decoding, options.Device, options.BaseModelName ?? serverOptions.ModelName);
            var catalog = new FineTunedModelCatalog(options, jobs, baseModel);
            disposables.Add(catalog);
            var queue = new FineTuningJobQueue(jobs, files, options);
            FineTuningRoutes? routes = null;
            var server = await TranslationServer.StartAsync(catalog, serverOptions with { Prompt = serverOptions.Prompt ?? options.Prompt }, (app, s) =>
            {
                routes = new FineTuningRoutes(s, files, jobs, queue, catalog, options);
                routes.Map(app);
            }, cancellationToken).ConfigureAwait(false);
            queue.Start();
            return new FineTuningServer(stateLock, jobs, queue, catalog, server);
        }
        catch
        {
            foreach (var d in Enumerable.Reverse(disposables)) d.Dispose();
            throw;
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
