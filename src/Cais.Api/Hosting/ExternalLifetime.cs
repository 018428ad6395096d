using Microsoft.Extensions.Hosting;

namespace Cais.Api.Hosting;

/// <summary>
/// A host lifetime that listens to no signals: the daemon handles SIGTERM and SIGINT itself and
/// stops the server, and a server started inside a test must not take the test process's signals.
/// </summary>
internal sealed class ExternalLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
