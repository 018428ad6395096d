using Cais.Api.Hosting;
using Cais.Engine;
using Cais.Images.Service;
using Cais.TestSupport;
using CaisEngine = Cais.Engine.Engine;

namespace Cais.Api.Tests.Support;

/// <summary>
/// The API server in this process over an engine that runs real containers (its monitors are
/// the published cais), with busybox bootstrapped, for the real docker CLI to drive. Removes
/// every container when disposed: monitors outlive the server by design.
/// </summary>
public sealed class ContainerDaemonHarness : IAsyncDisposable
{
    public const string DockerPath = "/usr/local/bin/docker";

    readonly TempDir dir = TempDir.Under(Path.Combine(TestPaths.Root, "api"), "daemon-");
    CaisEngine? engine;
    ApiServer? server;

    public CaisEngine Engine => engine ?? throw new InvalidOperationException("not started");

    public string SocketPath => Path.Combine(dir.Path, "cais.sock");

    public string Combine(params string[] parts) => Path.Combine([dir.Path, .. parts]);

    public static async Task<ContainerDaemonHarness> StartAsync()
    {
        var h = new ContainerDaemonHarness();
        h.engine = new CaisEngine(new EngineOptions
        {
            DataRoot = h.Combine("root"), ExecRoot = h.Combine("exec"), MonitorExecutable = CaisBinary.Path,
        });
        ImageBootstrap.Busybox(h.engine.Images);
        h.server = await ApiServer.StartAsync(new ApiServerOptions
        {
            Hosts = [ListenAddress.Unix(h.SocketPath)],
            LogWriter = TextWriter.Null,
            ShutdownTimeout = TimeSpan.FromSeconds(2),
        }, h.engine);
        return h;
    }

    /// <summary>The environment for the docker CLI: this daemon only, no user configuration.</summary>
    public Dictionary<string, string?> DockerEnvironment => new()
    {
        ["DOCKER_HOST"] = "unix://" + SocketPath, ["DOCKER_CONTEXT"] = null, ["DOCKER_CONFIG"] = Combine("docker-config"),
    };

    public ProcessResult Docker(params string[] args) =>
        ProcessRunner.Run(DockerPath, args, stdin: null, TimeSpan.FromSeconds(60), DockerEnvironment);

    /// <summary>Runs the docker CLI and fails the test unless it exits 0.</summary>
    public ProcessResult Succeed(params string[] args)
    {
        var result = Docker(args);
        Assert.True(result.ExitCode == 0, $"`docker {string.Join(' ', args)}` exited {result.ExitCode}\n{result.Describe()}");
        return result;
    }


    public async ValueTask DisposeAsync()
    {
        if (engine is not null)
        {
            foreach (var c in engine.Containers())
            {
                try { await engine.RemoveContainer(c.Id, force: true, removeVolumes: true).WaitAsync(TimeSpan.FromSeconds(30)); }
                catch (Exception e) { Console.Error.WriteLine($"ContainerDaemonHarness: removing {c.Id[..12]}: {e.Message}"); }
            }
        }
        if (server is not null) await server.DisposeAsync();
        engine?.Dispose();
        dir.Dispose();
    }
}
