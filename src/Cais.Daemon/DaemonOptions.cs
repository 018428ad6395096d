using Cais.Api.Hosting;
using Cais.Engine;
using Microsoft.Extensions.Logging;

namespace Cais.Daemon;

/// <summary>The daemon's settings, from its flags and daemon.json together.</summary>
public sealed record DaemonOptions
{
    public const string DefaultConfigFile = "/etc/cais/daemon.json";

    /// <summary>-H: where the API listens (default unix:///run/cais/cais.sock).</summary>
    public IReadOnlyList<ListenAddress> Hosts { get; init; } = [ListenAddress.Unix(ListenAddress.DefaultUnixSocket)];

    public string DataRoot { get; init; } = EngineOptions.DefaultDataRoot;

    public string ExecRoot { get; init; } = EngineOptions.DefaultExecRoot;

    public TlsOptions? Tls { get; init; }

    /// <summary>The `cais` executable containers' monitors run as; null: this process's own (a host other than cais itself, such as a test, names the published one).</summary>
    public string? MonitorExecutable { get; init; }

    public bool Debug { get; init; }

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>The pid file, locked while the daemon runs (default EXEC-ROOT/cais.pid).</summary>
    public string? PidFile { get; init; }

    /// <summary>Containers get an init unless they say otherwise (`--init` / daemon.json "init").</summary>
    public bool Init { get; init; }

    /// <summary>The init binary (daemon.json "init-path"); null to search PATH.</summary>
    public string? InitPath { get; init; }

    public string EffectivePidFile => PidFile ?? Path.Combine(ExecRoot, "cais.pid");
}
