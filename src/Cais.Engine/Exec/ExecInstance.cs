using Cais.Engine.Monitor;

namespace Cais.Engine.Exec;

/// <summary>
/// One exec of a container as the daemon holds it (in memory, as Docker does: exec instances do
/// not survive a daemon restart): its configuration, and once started its process and result.
/// </summary>
public sealed class ExecInstance(string id, string containerId, ExecConfig config)
{
    readonly TaskCompletionSource<int> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Id { get; } = id;

    public string ContainerId { get; } = containerId;

    public ExecConfig Config { get; } = config;

    /// <summary>Start was asked for (an exec runs at most once).</summary>
    public bool Started { get; internal set; }

    public bool Running { get; internal set; }

    /// <summary>Null until the process has exited.</summary>
    public int? ExitCode { get; internal set; }

    public int Pid { get; internal set; }

    /// <summary>The daemon's connection to the exec's monitor while the process runs.</summary>
    internal MonitorConnection? Connection { get; set; }

    /// <summary>Completes with the exit code.</summary>
    public Task<int> Exited => exited.Task;

    internal void SignalExit(int code) => exited.TrySetResult(code);
}
