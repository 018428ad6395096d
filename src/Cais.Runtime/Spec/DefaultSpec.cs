namespace Cais.Runtime.Spec;

/// <summary>
/// The starter config.json <c>cais runtime spec</c> writes: the same content as <c>runc spec</c>
/// (runc's libcontainer/specconv/example.go, Example and ToRootless), with hostname "cais".
/// </summary>
public static class DefaultSpec
{
    public const string OciVersion = "1.2.0";

    static readonly string[] DefaultCapabilities = ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"];

    /// <summary>
    /// The spec for a root-run container. As runc does, it adds a cgroup namespace only on a
    /// cgroup v2 unified host: on v1 and hybrid hosts runc leaves the container in the host's
    /// cgroup namespace.
    /// </summary>
    public static RuntimeSpec Create() => Create(cgroupNamespace: IsCgroup2Unified());

    /// <summary>The spec for a root-run container, with or without a cgroup namespace.</summary>
    public static RuntimeSpec Create(bool cgroupNamespace)
    {
        var spec = new RuntimeSpec
        {
            OciVersion = OciVersion,
            Root = new RootSpec { Path = "rootfs", Readonly = true },
            Process = new ProcessSpec
            {
                Terminal = true,
                User = new UserSpec { Uid = 0, Gid = 0 },
                Args = ["sh"],
                Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"],
                Cwd = "/",
                NoNewPrivileges = true,
                // No ambient set: an ambient capability also needs the inheritable one, which
                // runc's example spec dropped (opencontainers/runc#4367); runc 1.1 still wrote it.
                Capabilities = new CapabilitiesSpec
                {
                    Bounding = [.. DefaultCapabilities],
                    Permitted = [.. DefaultCapabilities],
                    Effective = [.. DefaultCapabilities],
                },
                Rlimits = [new RlimitSpec { Type = "RLIMIT_NOFILE", Hard = 1024, Soft = 1024 }],
            },
            Hostname = "cais",
            Mounts =
            [
                new MountSpec { Destination = "/proc", Type = "proc", Source = "proc" },
                new MountSpec
                {
                    Destination = "/dev", Type = "tmpfs", Source = "tmpfs",
                    Options = ["nosuid", "strictatime", "mode=755", "size=65536k"],
                },
                new MountSpec
                {
                    Destination = "/dev/pts", Type = "devpts", Source = "devpts",
                    Options = ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"],
                },
                new MountSpec
                {
                    Destination = "/dev/shm", Type = "tmpfs", Source = "shm",
                    Options = ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"],
                },
                new MountSpec
                {
                    Destination = "/dev/mqueue", Type = "mqueue", Source = "mqueue",
                    Options = ["nosuid", "noexec", "nodev"],
                },
                new MountSpec
                {
                    Destination = "/sys", Type = "sysfs", Source = "sysfs",
                    Options = ["nosuid", "noexec", "nodev", "ro"],
                },
                new MountSpec
                {
                    Destination = "/sys/fs/cgroup", Type = "cgroup", Source = "cgroup",
                    Options = ["nosuid", "noexec", "nodev", "relatime", "ro"],
                },
            ],
            Linux = new LinuxSpec
            {
                MaskedPaths =
                [
                    "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
                    "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware",
                    "/proc/scsi", "/sys/devices/virtual/tpm",
                ],
                ReadonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"],
                Resources = new ResourcesSpec
                {
                    Devices = [new DeviceCgroupRule { Allow = false, Access = "rwm" }],
                },
                Namespaces =
                [
                    new NamespaceSpec { Type = "pid" },
                    new NamespaceSpec { Type = "network" },
                    new NamespaceSpec { Type = "ipc" },
                    new NamespaceSpec { Type = "uts" },
                    new NamespaceSpec { Type = "mount" },
                ],
            },
        };
        if (cgroupNamespace)
            spec.Linux.Namespaces.Add(new NamespaceSpec { Type = "cgroup" });
        return spec;
    }

    /// <summary>
    /// The spec for a container run by the unprivileged user <paramref name="uid"/>:<paramref name="gid"/>
    /// (<c>runc spec --rootless</c>).
    /// </summary>
    public static RuntimeSpec CreateRootless(uint uid, uint gid) => ToRootless(Create(), uid, gid);

    public static RuntimeSpec CreateRootless(uint uid, uint gid, bool cgroupNamespace) =>
        ToRootless(Create(cgroupNamespace), uid, gid);

    // runc's ToRootless: no network namespace (an unprivileged user cannot configure one), a
    // user namespace mapping container root to the caller, /sys bind-mounted from the host
    // (sysfs cannot be mounted without owning the network namespace), no uid=/gid= mount
    // options (the ids would not be mapped), and no cgroup resources (no write access).
    static RuntimeSpec ToRootless(RuntimeSpec spec, uint uid, uint gid)
    {
        var linux = spec.Linux!;
        linux.Namespaces = [.. linux.Namespaces!.Where(n => n.Type is not ("network" or "user"))];
        linux.Namespaces.Add(new NamespaceSpec { Type = "user" });
        linux.UidMappings = [new IdMapping { ContainerId = 0, HostId = uid, Size = 1 }];
        linux.GidMappings = [new IdMapping { ContainerId = 0, HostId = gid, Size = 1 }];

        var mounts = new List<MountSpec>();
        foreach (var mount in spec.Mounts!)
        {
            if (mount.Destination.TrimEnd('/') == "/sys")
            {
                mounts.Add(new MountSpec
                {
                    Destination = "/sys", Type = "none", Source = "/sys",
                    Options = ["rbind", "nosuid", "noexec", "nodev", "ro"],
                });
                continue;
            }
            mount.Options = mount.Options?.Where(o => !o.StartsWith("gid=", StringComparison.Ordinal)
                && !o.StartsWith("uid=", StringComparison.Ordinal)).ToList();
            mounts.Add(mount);
        }
        spec.Mounts = mounts;
        linux.Resources = null;
        return spec;
    }

    // runc's cgroups.IsCgroup2UnifiedMode checks the filesystem magic of /sys/fs/cgroup; only a
    // cgroup2 mount has cgroup.controllers at its root, so the file tells the same.
    static bool IsCgroup2Unified() => File.Exists("/sys/fs/cgroup/cgroup.controllers");
}
