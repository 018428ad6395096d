namespace Cais.Linux.ForkChild;

/// <summary>
/// Named messages on the sync socket between the runtime (parent) and the container's
/// setup child. Each is one SOCK_SEQPACKET datagram: a <see cref="SyncRecord"/>, followed,
/// for <see cref="Error"/>, by the UTF-8 text of the failed step.
/// </summary>
public enum SyncMessage
{
    /// <summary>Child → parent: namespaces joined; place me in cgroups and write my id maps.</summary>
    ReadyForSetup = 1,
    /// <summary>Child → parent: B=pid (in the parent's PID namespace) of the process that continues.</summary>
    ChildPid = 2,
    /// <summary>Child → parent: rootfs mounted, before pivot_root: run the createRuntime and createContainer hooks.</summary>
    HooksPoint = 3,
    /// <summary>Child → parent: the container is created; its init now waits for start.</summary>
    Created = 4,
    /// <summary>Child → parent: a step failed. Value=op index, Errno, Step; text follows.</summary>
    Error = 5,
    /// <summary>Parent → child: set-up done, continue.</summary>
    Go = 10,
    /// <summary>Parent → child: continue after a hooks point.</summary>
    Continue = 11,
    /// <summary>
    /// Parent → child: the process is now in the container's cgroup. The parent migrates it
    /// while it sets up its root, because a cgroup v1 migration right after a fork waits for
    /// an RCU grace period (5-8 ms here) and the two can overlap.
    /// </summary>
    CgroupJoined = 12,
}

/// <summary>The fixed 16-byte head of every sync datagram.</summary>
public struct SyncRecord
{
    public int Type;
    public int Value;
    public int Errno;
    public int Step;

    public readonly SyncMessage Message => (SyncMessage)Type;
}
