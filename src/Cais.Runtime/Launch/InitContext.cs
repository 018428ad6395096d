using Cais.Runtime.Spec;

namespace Cais.Runtime.Launch;

/// <summary>Everything the init program builder needs besides config.json itself.</summary>
public sealed class InitContext
{
    public required RuntimeSpec Spec { get; init; }
    public required string Bundle { get; init; }
    /// <summary>Absolute path of the root filesystem.</summary>
    public required string Rootfs { get; init; }
    public required NamespacePlan Namespaces { get; init; }
    /// <summary>(name, host directory) pairs that the container's /sys/fs/cgroup shows.</summary>
    public IReadOnlyList<(string Name, string HostDirectory)> CgroupMounts { get; init; } = [];
    /// <summary>Socket the terminal's master side is sent on (when process.terminal), else -1.</summary>
    public int ConsoleSocketFd { get; init; } = -1;
    /// <summary>Listening socket `start` connects to.</summary>
    public required int StartListenFd { get; init; }
    public bool NoPivot { get; init; }
    public int PreserveFds { get; init; }
    /// <summary>Whether prestart/createRuntime/createContainer hooks need a stop before pivot_root.</summary>
    public bool StopForHooks { get; init; }
    /// <summary>Paths made read-only once the root is pivoted (filled while building).</summary>
    public List<string> ReadonlyAfterPivot { get; } = [];
}
