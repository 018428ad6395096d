using Cais.Api.Hosting;
using Cais.Engine;
using Microsoft.Extensions.Logging;
using CaisEngine = Cais.Engine.Engine;

namespace Cais.Daemon;

/// <summary>
/// A running daemon: the pid file held, the engine open on the data root, the API served. Start
/// order is lock, state, listeners (a second daemon fails before it touches anything); stop is the
/// reverse.
/// </summary>
public sealed class DaemonHost : IAsyncDisposable
{
    readonly PidFile pidFile;
    readonly CaisEngine engine;
    readonly ApiServer server;
    int stopped;

    DaemonHost(PidFile pidFile, CaisEngine engine, ApiServer server)
    {
        this.pidFile = pidFile;
        this.engine = engine;
        this.server = server;
    }

    public DaemonOptions Options { get; private init; } = new();

    public ApiServer Server => server;

    public CaisEngine Engine => engine;

    /// <exception cref="DaemonAlreadyRunningException">Another daemon holds the pid file.</exception>
    public static async Task<DaemonHost> StartAsync(DaemonOptions options, TextWriter? log = null, CancellationToken cancel = default)
    {
        // The exec root holds the socket (by default), the pid file and runtime state: root's
        // alone, as dockerd keeps /run/docker.
        if (!Directory.Exists(options.ExecRoot))
            Directory.CreateDirectory(options.ExecRoot, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var pid = PidFile.Acquire(options.EffectivePidFile);
        CaisEngine? engine = null;
        try
        {
            var engineOptions = new EngineOptions { DataRoot = options.DataRoot, ExecRoot = options.ExecRoot, DefaultInit = options.Init, InitPath = options.InitPath };
            if (options.MonitorExecutable is { } monitor) engineOptions = engineOptions with { MonitorExecutable = monitor };
            engine = new CaisEngine(engineOptions);
            var server = await ApiServer.StartAsync(new ApiServerOptions
            {
                Hosts = options.Hosts,
                Tls = options.Tls,
                Debug = options.Debug,
                LogLevel = options.LogLevel,
                LogWriter = log,
            }, engine, cancel);
            foreach (var address in server.Addresses)
                server.Logger.LogInformation("API listen on {Address}", address.IsUnix ? address.SocketPath : $"{address.Host}:{address.Port}");
            return new DaemonHost(pid, engine, server) { Options = options };
        }
        catch
        {
            engine?.Dispose();
            pid.Dispose();
            throw;
        }
    }

    /// <summary>Stops serving (requests in flight get the shutdown timeout), closes the engine, releases the pid file.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0) return;
        try
        {
            await server.DisposeAsync();
        }
        finally
        {
            engine.Dispose();
            pidFile.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
