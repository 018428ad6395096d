namespace Cais.Engine;

/// <summary>Where the engine keeps its state: the daemon's --root and --exec-root.</summary>
public sealed record EngineOptions
{
    public const string DefaultDataRoot = "/var/lib/cais";
    public const string DefaultExecRoot = "/run/cais";

    /// <summary>Persistent state: images, layers, containers' metadata and read-write layers, logs.</summary>
    public string DataRoot { get; init; } = DefaultDataRoot;

    /// <summary>Runtime state that dies with a reboot: the socket, monitors' sockets, OCI runtime state.</summary>
    public string ExecRoot { get; init; } = DefaultExecRoot;

    /// <summary>The `cais` executable the monitors run as (`cais monitor`): by default the one beside this process's (caisd's).</summary>
    public string MonitorExecutable { get; init; } = Path.Combine(Path.GetDirectoryName(Environment.ProcessPath) ?? "/usr/local/bin", "cais");

    /// <summary>Whether a container whose HostConfig.Init is unset runs under an init (dockerd's --init).</summary>
    public bool DefaultInit { get; init; }

    /// <summary>The init binary bind-mounted at /sbin/docker-init; null: docker-init, then tini-static, on PATH.</summary>
    public string? InitPath { get; init; }

    /// <summary>Seconds `stop` waits after the stop signal when the container sets none.</summary>
    public int DefaultStopTimeout { get; init; } = 10;
}
