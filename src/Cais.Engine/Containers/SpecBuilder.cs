using Cais.Api.Models.Containers;
using Cais.Engine.Errors;
using Cais.Linux;
using Cais.Runtime.Spec;

namespace Cais.Engine.Containers;

/// <summary>
/// The OCI runtime spec of a container: Docker's defaults (capabilities, masked paths, mounts,
/// namespaces) with the container's Config and HostConfig applied.
/// </summary>
public static class SpecBuilder
{
    /// <summary>Where a container's files on the host are.</summary>
    /// <param name="InitBinary">The host's init binary when the container runs under one (`--init`).</param>
    public sealed record Paths(string Rootfs, string HostnameFile, string HostsFile, string ResolvConfFile, string CgroupsPath, string? InitBinary = null);

    public static RuntimeSpec Build(ContainerRecord c, Paths paths)
    {
        var config = c.Config;
        var host = c.HostConfig;
        var spec = DefaultSpec.Create();
        spec.Root = new RootSpec { Path = paths.Rootfs, Readonly = host.ReadonlyRootfs };
        spec.Hostname = config.Hostname;
        spec.Domainname = string.IsNullOrEmpty(config.Domainname) ? null : config.Domainname;

        var user = UserResolution.Resolve(paths.Rootfs, config.User, host.GroupAdd);
        var process = spec.Process!;
        process.Terminal = config.Tty;
        process.Args = paths.InitBinary is null ? [c.Path, .. c.Args] : [InitBinary.ContainerPath, "--", c.Path, .. c.Args];
        process.Env = Environment(config, user.Home);
        process.Cwd = string.IsNullOrEmpty(config.WorkingDir) ? "/" : config.WorkingDir;
        process.User = new UserSpec { Uid = user.Uid, Gid = user.Gid, AdditionalGids = user.AdditionalGids.Count > 0 ? user.AdditionalGids : null };
        var caps = CapabilitySet(host);
        process.Capabilities = new CapabilitiesSpec { Bounding = caps, Effective = caps, Permitted = caps };
        process.NoNewPrivileges = NoNewPrivileges(host.SecurityOpt);
        process.Rlimits = Rlimits(host.Ulimits);
        process.OomScoreAdj = host.OomScoreAdj != 0 ? host.OomScoreAdj : null;
        if (config.Tty && host.ConsoleSize is [var h, var w] && h > 0 && w > 0) process.ConsoleSize = new ConsoleSize { Height = h, Width = w };

        spec.Mounts = Mounts(spec.Mounts!, host, paths);
        var linux = spec.Linux ??= new LinuxSpec();
        linux.Namespaces = Namespaces(host);
        linux.CgroupsPath = paths.CgroupsPath;
        linux.Resources = Resources(host);
        linux.Sysctl = host.Sysctls is { Count: > 0 } ? new(host.Sysctls) : null;
        if (host.Privileged)
        {
            linux.MaskedPaths = [];
            linux.ReadonlyPaths = [];
        }
        else
        {
            linux.MaskedPaths = host.MaskedPaths ?? [.. DefaultSecurity.MaskedPaths];
            linux.ReadonlyPaths = host.ReadonlyPaths ?? [.. DefaultSecurity.ReadonlyPaths];
        }
        return spec;
    }

    /// <summary>PATH and HOSTNAME first (TERM with a terminal), then the merged Config.Env, later entries winning.</summary>
    static List<string> Environment(ContainerConfig config, string? home)
    {
        var env = new List<string> { "PATH=" + DefaultSecurity.DefaultPath, "HOSTNAME=" + config.Hostname };
        if (config.Tty) env.Add("TERM=xterm");
        foreach (var entry in config.Env ?? [])
        {
            var key = entry.Split('=', 2)[0];
            env.RemoveAll(e => e.Split('=', 2)[0] == key);
            if (entry.Contains('=')) env.Add(entry);
        }
        if (home is not null && !env.Any(e => e.StartsWith("HOME=", StringComparison.Ordinal))) env.Add("HOME=" + home);
        return env;
    }

    static List<string> CapabilitySet(HostConfig host)
    {
        var hostCaps = HostCapabilities();
        if (host.Privileged) return hostCaps;
        var caps = new List<string>(DefaultSecurity.Capabilities);
        foreach (var add in host.CapAdd ?? [])
        {
            if (add.Equals("ALL", StringComparison.OrdinalIgnoreCase)) { caps = [.. hostCaps]; continue; }
            var name = CapName(add);
            if (!caps.Contains(name)) caps.Add(name);
        }
        foreach (var drop in host.CapDrop ?? [])
        {
            if (drop.Equals("ALL", StringComparison.OrdinalIgnoreCase))
            {
                // Docker: drop ALL then add back what --cap-add names.
                caps = [.. (host.CapAdd ?? []).Where(a => !a.Equals("ALL", StringComparison.OrdinalIgnoreCase)).Select(CapName)];
                break;
            }
            caps.Remove(CapName(drop));
        }
        return caps;
    }

    /// <summary>What the host's bounding set holds: `--privileged` grants exactly that (this host lacks CAP_SYS_RESOURCE).</summary>
    internal static List<string> HostCapabilities()
    {
        ulong set = Capabilities.CurrentBoundingSet();
        int last = Capabilities.LastCap();
        var list = new List<string>();
        for (int i = 0; i <= last; i++)
            if ((set & (1UL << i)) != 0) list.Add(Capabilities.Name(i));
        return list;
    }

    static string CapName(string name)
    {
        var upper = name.ToUpperInvariant();
        if (!upper.StartsWith("CAP_", StringComparison.Ordinal)) upper = "CAP_" + upper;
        if (Capabilities.Number(upper) < 0) throw new InvalidParameterException($"invalid capability: {name}");
        return upper;
    }

    static bool NoNewPrivileges(List<string>? securityOpt)
    {
        bool on = false;
        foreach (var opt in securityOpt ?? [])
        {
            var (key, value) = opt.Contains('=') ? (opt.Split('=', 2)[0], opt.Split('=', 2)[1])
                : opt.Contains(':') ? (opt.Split(':', 2)[0], opt.Split(':', 2)[1]) : (opt, "true");
            switch (key)
            {
                case "no-new-privileges":
                    on = value switch
                    {
                        "true" => true,
                        "false" => false,
                        _ => throw new InvalidParameterException($"invalid --security-opt 2: \"{opt}\""),
                    };
                    break;
                case "seccomp" or "apparmor" or "label":
                    break; // accepted; cais applies no seccomp or LSM profile yet
                default:
                    throw new InvalidParameterException($"invalid --security-opt 1: \"{opt}\"");
            }
        }
        return on;
    }

    static List<RlimitSpec>? Rlimits(List<Ulimit>? ulimits)
    {
        if (ulimits is not { Count: > 0 }) return null;
        var list = new List<RlimitSpec>();
        foreach (var u in ulimits)
        {
            var type = "RLIMIT_" + u.Name.ToUpperInvariant();
            if (!Rlimits_Known.Contains(type)) throw new InvalidParameterException($"invalid ulimit type: {u.Name}");
            if (u.Soft > u.Hard) throw new InvalidParameterException($"ulimit soft limit must be less than or equal to hard limit: {u.Soft} > {u.Hard}");
            list.Add(new RlimitSpec { Type = type, Soft = (ulong)u.Soft, Hard = (ulong)u.Hard });
        }
        return list;
    }

    static readonly HashSet<string> Rlimits_Known =
    [
        "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS", "RLIMIT_NPROC",
        "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS", "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE",
        "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME",
    ];

    static List<MountSpec> Mounts(List<MountSpec> defaults, HostConfig host, Paths paths)
    {
        var mounts = new List<MountSpec>();
        foreach (var m in defaults)
        {
            if (m.Destination == "/dev/shm")
            {
                long shm = host.ShmSize > 0 ? host.ShmSize : 64L << 20;
                m.Options = ["nosuid", "noexec", "nodev", "mode=1777", $"size={shm}"];
            }
            if (m.Destination is "/sys" or "/sys/fs/cgroup" && host.Privileged)
                m.Options = [.. (m.Options ?? []).Where(o => o != "ro").Append("rw")];
            mounts.Add(m);
        }
        void Bind(string source, string destination) => mounts.Add(new MountSpec
        {
            Destination = destination, Type = "bind", Source = source, Options = ["rbind", "rprivate"],
        });
        Bind(paths.ResolvConfFile, "/etc/resolv.conf");
        Bind(paths.HostnameFile, "/etc/hostname");
        Bind(paths.HostsFile, "/etc/hosts");
        if (paths.InitBinary is not null)
            mounts.Add(new MountSpec { Destination = InitBinary.ContainerPath, Type = "bind", Source = paths.InitBinary, Options = ["bind", "ro"] });
        foreach (var (target, options) in host.Tmpfs ?? [])
        {
            var opts = new List<string> { "nosuid", "nodev", "noexec" };
            if (options.Length > 0) opts.AddRange(options.Split(','));
            mounts.Add(new MountSpec { Destination = target, Type = "tmpfs", Source = "tmpfs", Options = opts });
        }
        return mounts;
    }

    static List<NamespaceSpec> Namespaces(HostConfig host)
    {
        var list = new List<NamespaceSpec> { new() { Type = "pid" }, new() { Type = "ipc" }, new() { Type = "uts" }, new() { Type = "mount" } };
        var mode = string.IsNullOrEmpty(host.NetworkMode) ? "default" : host.NetworkMode;
        if (mode != "host") list.Add(new NamespaceSpec { Type = "network" });
        if (host.PidMode == "host") list.RemoveAll(n => n.Type == "pid");
        if (host.IpcMode == "host") list.RemoveAll(n => n.Type == "ipc");
        if (host.UtsMode == "host") list.RemoveAll(n => n.Type == "uts");
        // A private cgroup namespace where cgroup v2 is the whole hierarchy (Docker's default
        // there); on v1 and hybrid hosts Docker keeps the host's.
        if (host.CgroupnsMode == "private" || (host.CgroupnsMode != "host" && File.Exists("/sys/fs/cgroup/cgroup.controllers")))
            list.Add(new NamespaceSpec { Type = "cgroup" });
        return list;
    }

    static ResourcesSpec Resources(HostConfig host)
    {
        var r = new ResourcesSpec();
        if (host.Memory > 0 || host.MemoryReservation > 0 || host.MemorySwap != 0 || host.OomKillDisable == true)
        {
            if (host.Memory > 0 && host.Memory < 6 << 20)
                throw new InvalidParameterException("Minimum memory limit allowed is 6MB");
            long? swap = host.MemorySwap switch
            {
                -1 => -1,
                > 0 when host.Memory > 0 && host.MemorySwap < host.Memory =>
                    throw new InvalidParameterException("Minimum memoryswap limit should be larger than memory limit, see usage"),
                > 0 => host.MemorySwap,
                _ when host.Memory > 0 => host.Memory * 2,
                _ => null,
            };
            r.Memory = new MemoryResources
            {
                Limit = host.Memory > 0 ? host.Memory : null,
                Reservation = host.MemoryReservation > 0 ? host.MemoryReservation : null,
                Swap = swap,
                Swappiness = host.MemorySwappiness is >= 0 and <= 100 ? (ulong)host.MemorySwappiness.Value : null,
                DisableOomKiller = host.OomKillDisable == true ? true : null,
            };
        }
        if (host.NanoCpus > 0 && (host.CpuQuota > 0 || host.CpuPeriod > 0))
            throw new InvalidParameterException("Conflicting options: Nano CPUs and CPU Period cannot both be set");
        var cpu = new CpuResources();
        bool anyCpu = false;
        if (host.CpuShares > 0) { cpu.Shares = (ulong)host.CpuShares; anyCpu = true; }
        if (host.NanoCpus > 0)
        {
            if (host.NanoCpus > System.Environment.ProcessorCount * 1_000_000_000L)
                throw new InvalidParameterException($"range of CPUs is from 0.01 to {System.Environment.ProcessorCount}.00, as there are only {System.Environment.ProcessorCount} CPUs available");
            cpu.Period = 100_000;
            cpu.Quota = host.NanoCpus * 100_000 / 1_000_000_000;
            anyCpu = true;
        }
        if (host.CpuQuota > 0) { cpu.Quota = host.CpuQuota; anyCpu = true; }
        if (host.CpuPeriod > 0) { cpu.Period = (ulong)host.CpuPeriod; anyCpu = true; }
        if (!string.IsNullOrEmpty(host.CpusetCpus)) { cpu.Cpus = host.CpusetCpus; anyCpu = true; }
        if (!string.IsNullOrEmpty(host.CpusetMems)) { cpu.Mems = host.CpusetMems; anyCpu = true; }
        if (anyCpu) r.Cpu = cpu;
        if (host.PidsLimit is > 0) r.Pids = new PidsResources { Limit = host.PidsLimit.Value };
        if (host.BlkioWeight > 0) r.BlockIO = new BlockIoResources { Weight = host.BlkioWeight };
        if (host.Privileged) r.Devices = [new DeviceCgroupRule { Allow = true, Access = "rwm" }];
        return r;
    }
}
