namespace Cais.Runtime.Cgroups;

/// <summary>How the host mounts cgroups.</summary>
public enum CgroupMode
{
    /// <summary>Only cgroup v1 hierarchies (one per controller or per group of controllers).</summary>
    V1,

    /// <summary>
    /// v1 hierarchies hold the controllers, and a cgroup2 hierarchy (systemd puts it at
    /// /sys/fs/cgroup/unified) is mounted beside them, usually with no controllers.
    /// </summary>
    Hybrid,

    /// <summary>One cgroup2 hierarchy holds every controller.</summary>
    V2,
}

/// <summary>
/// One mounted hierarchy. Controllers: e.g. ["cpu"], ["cpu","cpuacct"] or ["name=systemd"];
/// empty for cgroup2, whose controllers are listed by its cgroup.controllers file instead.
/// </summary>
public sealed record CgroupHierarchy(IReadOnlyList<string> Controllers, string MountPoint, bool IsUnified)
{
    /// <summary>True for a v1 hierarchy that carries <paramref name="controller"/>.</summary>
    public bool Has(string controller) => !IsUnified && Controllers.Contains(controller);

    /// <summary>The directory of cgroup <paramref name="cgroupPath"/> ("/a/b") in this hierarchy.</summary>
    public string DirectoryOf(string cgroupPath) =>
        cgroupPath == "/" ? MountPoint : MountPoint.TrimEnd('/') + cgroupPath;
}

/// <summary>
/// What a container's /sys/fs/cgroup shows: the host directory of the container's cgroup
/// in one hierarchy, and the name it gets below /sys/fs/cgroup ("memory", "cpu,cpuacct",
/// "systemd" for name=systemd, or "" for the cgroup2 hierarchy, which is mounted at
/// /sys/fs/cgroup itself).
/// </summary>
public sealed record CgroupMountSource(string Name, string HostDirectory);
