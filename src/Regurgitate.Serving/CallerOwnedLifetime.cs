using Microsoft.Extensions.Hosting;

namespace Regurgitate.Serving;

/// <summary>
/// A host lifetime that leaves signals alone: the generic host's console lifetime would swallow SIGINT/SIGTERM
/// (it cancels their default) and only stop the web host, so the process kept running; the caller decides instead.
/// </summary>
internal sealed class CallerOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
