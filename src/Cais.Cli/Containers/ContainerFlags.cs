using Cais.Api.Models.Containers;
using Cais.Cli.Containers.Options;
using Cais.CommandLine;

namespace Cais.Cli.Containers;

/// <summary>
/// The flags `cais create` and `cais run` share, with docker's names, shorthands, types and
/// usage texts; each value is checked as it is parsed. <see cref="ContainerRequestBuilder"/>
/// turns them into the create request.
/// </summary>
public sealed class ContainerFlags
{
    /// <param name="environment">The client's environment, for -e VAR and bare names in --env-file; the process's by default.</param>
    public ContainerFlags(FlagSet f, Func<string, string?>? environment = null)
    {
        ClientEnvironment = environment ?? Environment.GetEnvironmentVariable;
        // Identity and process
        Name = f.String("name", null, "", "Assign a name to the container");
        Attach = f.Checked("attach", 'a', "Attach to STDIN, STDOUT or STDERR", ListValidators.AttachStream);
        Interactive = f.Bool("interactive", 'i', "Keep STDIN open even if not attached");
        Tty = f.Bool("tty", 't', "Allocate a pseudo-TTY");
        Env = f.Checked("env", 'e', "Set environment variables", s => KeyValueFiles.ValidateEnv(s, ClientEnvironment));
        EnvFile = f.Strings("env-file", null, "Read in a file of environment variables");
        Workdir = f.String("workdir", 'w', "", "Working directory inside the container");
        User = f.String("user", 'u', "", "Username or UID (format: <name|uid>[:<group|gid>])");
        GroupAdd = f.Strings("group-add", null, "Add additional groups to join");
        Entrypoint = f.String("entrypoint", null, "", "Overwrite the default ENTRYPOINT of the image");
        Hostname = f.String("hostname", 'h', "", "Container host name");
        Domainname = f.String("domainname", null, "", "Container NIS domain name");
        Labels = f.Checked("label", 'l', "Set meta data on a container", ListValidators.Label);
        LabelFile = f.Strings("label-file", null, "Read in a line delimited file of labels");
        StopSignal = f.String("stop-signal", null, "", "Signal to stop the container");
        StopTimeout = f.Int("stop-timeout", null, 0, "Timeout (in seconds) to stop a container");
        Init = f.Bool("init", null, "Run an init inside the container that forwards signals and reaps processes");
        AutoRemove = f.Bool("rm", null, "Automatically remove the container and its associated anonymous volumes when it exits");
        Restart = f.String("restart", null, "no", "Restart policy to apply when a container exits");
        ContainerIdFile = f.String("cidfile", null, "", "Write the container ID to the file");
        Runtime = f.String("runtime", null, "", "Runtime to use for this container");
        Isolation = f.String("isolation", null, "", "Container isolation technology");
        Annotations = f.Checked("annotation", null, "Add an annotation to the container (passed through to the OCI runtime)", ListValidators.KeyValue, "map", "map[]");

        // Resources
        Memory = f.Bytes("memory", 'm', "Memory limit");
        MemorySwap = f.Bytes("memory-swap", null, "Swap limit equal to memory plus swap: '-1' to enable unlimited swap", ByteSizes.ParseSwap);
        MemoryReservation = f.Bytes("memory-reservation", null, "Memory soft limit");
        MemorySwappiness = f.Long("memory-swappiness", null, -1, "Tune container memory swappiness (0 to 100)");
        KernelMemory = f.Bytes("kernel-memory", null, "Kernel memory limit");
        OomKillDisable = f.Bool("oom-kill-disable", null, "Disable OOM Killer");
        OomScoreAdj = f.Int("oom-score-adj", null, 0, "Tune host's OOM preferences (-1000 to 1000)");
        Cpus = f.Custom("cpus", null, 0L, "decimal", "Number of CPUs", NanoCpus.Parse, _ => null);
        CpuShares = f.Long("cpu-shares", 'c', 0, "CPU shares (relative weight)");
        CpuPeriod = f.Long("cpu-period", null, 0, "Limit CPU CFS (Completely Fair Scheduler) period");
        CpuQuota = f.Long("cpu-quota", null, 0, "Limit CPU CFS (Completely Fair Scheduler) quota");
        CpuRtPeriod = f.Long("cpu-rt-period", null, 0, "Limit CPU real-time period in microseconds");
        CpuRtRuntime = f.Long("cpu-rt-runtime", null, 0, "Limit CPU real-time runtime in microseconds");
        CpusetCpus = f.String("cpuset-cpus", null, "", "CPUs in which to allow execution (0-3, 0,1)");
        CpusetMems = f.String("cpuset-mems", null, "", "MEMs in which to allow execution (0-3, 0,1)");
        CpuCount = f.Long("cpu-count", null, 0, "CPU count (Windows only)");
        CpuPercent = f.Long("cpu-percent", null, 0, "CPU percent (Windows only)");
        PidsLimit = f.Long("pids-limit", null, 0, "Tune container pids limit (set -1 for unlimited)");
        BlkioWeight = f.Custom("blkio-weight", null, (ushort)0, "uint16", "Block IO (relative weight), between 10 and 1000, or 0 to disable",
            s => (ushort)GoSyntax.ParseUint(s, 16), v => v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        BlkioWeightDevice = f.Checked("blkio-weight-device", null, "Block IO weight (relative device weight)", DeviceOptions.ParseWeightDevice, defaultText: "[]");
        DeviceReadBps = f.Checked("device-read-bps", null, "Limit read rate (bytes per second) from a device", DeviceOptions.ParseBpsDevice, defaultText: "[]");
        DeviceWriteBps = f.Checked("device-write-bps", null, "Limit write rate (bytes per second) to a device", DeviceOptions.ParseBpsDevice, defaultText: "[]");
        DeviceReadIops = f.Checked("device-read-iops", null, "Limit read rate (IO per second) from a device", DeviceOptions.ParseIopsDevice, defaultText: "[]");
        DeviceWriteIops = f.Checked("device-write-iops", null, "Limit write rate (IO per second) to a device", DeviceOptions.ParseIopsDevice, defaultText: "[]");
        var ulimits = new List<Ulimit>();
        Ulimits = f.Custom<IReadOnlyList<Ulimit>>("ulimit", null, ulimits, "ulimit", "Ulimit options",
            s => UlimitOption.Merge(ulimits, UlimitOption.Parse(s)), _ => "[]");
        ShmSize = f.Bytes("shm-size", null, "Size of /dev/shm");
        Devices = f.Checked("device", null, "Add a host device to the container", DeviceOptions.ParseDevice);
        DeviceCgroupRules = f.Checked("device-cgroup-rule", null, "Add a rule to the cgroup allowed devices list", ListValidators.DeviceCgroupRule);
        CgroupParent = f.String("cgroup-parent", null, "", "Optional parent cgroup for the container");

        // Security and namespaces
        Privileged = f.Bool("privileged", null, "Give extended privileges to this container");
        ReadOnly = f.Bool("read-only", null, "Mount the container's root filesystem as read only");
        CapAdd = f.Strings("cap-add", null, "Add Linux capabilities");
        CapDrop = f.Strings("cap-drop", null, "Drop Linux capabilities");
        SecurityOpt = f.Strings("security-opt", null, "Security Options");
        Sysctls = f.Checked("sysctl", null, "Sysctl options", ListValidators.Sysctl, "map", "map[]");
        Ipc = f.String("ipc", null, "", "IPC mode to use");
        Pid = f.String("pid", null, "", "PID namespace to use");
        Uts = f.String("uts", null, "", "UTS namespace to use");
        Userns = f.String("userns", null, "", "User namespace to use");
        Cgroupns = f.String("cgroupns", null, "", "Cgroup namespace to use (host|private)");
        StorageOpt = f.Checked("storage-opt", null, "Storage driver options for the container", ListValidators.KeyValue);

        // Health
        HealthCmd = f.String("health-cmd", null, "", "Command to run to check health");
        HealthInterval = f.Duration("health-interval", "Time between running the check (ms|s|m|h)");
        HealthTimeout = f.Duration("health-timeout", "Maximum time to allow one check to run (ms|s|m|h)");
        HealthStartPeriod = f.Duration("health-start-period", "Start period for the container to initialize before starting health-retries countdown (ms|s|m|h)");
        HealthStartInterval = f.Duration("health-start-interval", "Time between running the check during the start period (ms|s|m|h)");
        HealthRetries = f.Int("health-retries", null, 0, "Consecutive failures needed to report unhealthy");
        NoHealthcheck = f.Bool("no-healthcheck", null, "Disable any container-specified HEALTHCHECK");

        // Logging
        LogDriver = f.String("log-driver", null, "", "Logging driver for the container");
        LogOpts = f.Checked("log-opt", null, "Log driver options", ListValidators.KeyValue);

        // Storage
        Volumes = f.Strings("volume", 'v', "Bind mount a volume");
        Mounts = f.Checked("mount", null, "Attach a filesystem mount to the container", MountOption.Parse, "mount");
        Tmpfs = f.Strings("tmpfs", null, "Mount a tmpfs directory");
        VolumesFrom = f.Strings("volumes-from", null, "Mount volumes from the specified container(s)");
        VolumeDriver = f.String("volume-driver", null, "", "Optional volume driver for the container");

        // Network
        Networks = f.Checked("network", null, "Connect a container to a network", static s => s, "network");
        Networks.Alias("net");
        NetworkAliases = f.Strings("network-alias", null, "Add network-scoped alias for the container");
        NetworkAliases.Alias("net-alias");
        Ip = f.String("ip", null, "", "IPv4 address (e.g., 172.30.100.104)");
        Ip6 = f.String("ip6", null, "", "IPv6 address (e.g., 2001:db8::33)");
        LinkLocalIps = f.Strings("link-local-ip", null, "Container IPv4/IPv6 link-local addresses");
        MacAddress = f.String("mac-address", null, "", "Container MAC address (e.g., 92:d0:c6:0a:29:33)");
        Links = f.Strings("link", null, "Add link to another container");
        Publish = f.Strings("publish", 'p', "Publish a container's port(s) to the host");
        PublishAll = f.Bool("publish-all", 'P', "Publish all exposed ports to random ports");
        Expose = f.Strings("expose", null, "Expose a port or a range of ports");
        AddHosts = f.Checked("add-host", null, "Add a custom host-to-IP mapping (host:ip)", ListValidators.ExtraHost);
        Dns = f.Strings("dns", null, "Set custom DNS servers");
        DnsSearch = f.Strings("dns-search", null, "Set custom DNS search domains");
        DnsOptions = f.Strings("dns-option", null, "Set DNS options");
        DnsOptions.Alias("dns-opt");

        // Image choice
        Platform = f.String("platform", null, Environment.GetEnvironmentVariable("DOCKER_DEFAULT_PLATFORM") ?? "", "Set platform if server is multi-platform capable");
        Pull = f.String("pull", null, "missing", "Pull image before running (\"always\", \"missing\", \"never\")");
        Quiet = f.Bool("quiet", 'q', "Suppress the pull output");
        f.Bool("disable-content-trust", null, "Skip image verification", defaultValue: true).Hide();
    }

    public Func<string, string?> ClientEnvironment { get; }

    public Flag<string> Name { get; }
    public Flag<IReadOnlyList<string>> Attach { get; }
    public Flag<bool> Interactive { get; }
    public Flag<bool> Tty { get; }
    public Flag<IReadOnlyList<string>> Env { get; }
    public Flag<IReadOnlyList<string>> EnvFile { get; }
    public Flag<string> Workdir { get; }
    public Flag<string> User { get; }
    public Flag<IReadOnlyList<string>> GroupAdd { get; }
    public Flag<string> Entrypoint { get; }
    public Flag<string> Hostname { get; }
    public Flag<string> Domainname { get; }
    public Flag<IReadOnlyList<string>> Labels { get; }
    public Flag<IReadOnlyList<string>> LabelFile { get; }
    public Flag<string> StopSignal { get; }
    public Flag<int> StopTimeout { get; }
    public Flag<bool> Init { get; }
    public Flag<bool> AutoRemove { get; }
    public Flag<string> Restart { get; }
    public Flag<string> ContainerIdFile { get; }
    public Flag<string> Runtime { get; }
    public Flag<string> Isolation { get; }
    public Flag<IReadOnlyList<string>> Annotations { get; }
    public Flag<long> Memory { get; }
    public Flag<long> MemorySwap { get; }
    public Flag<long> MemoryReservation { get; }
    public Flag<long> MemorySwappiness { get; }
    public Flag<long> KernelMemory { get; }
    public Flag<bool> OomKillDisable { get; }
    public Flag<int> OomScoreAdj { get; }
    public Flag<long> Cpus { get; }
    public Flag<long> CpuShares { get; }
    public Flag<long> CpuPeriod { get; }
    public Flag<long> CpuQuota { get; }
    public Flag<long> CpuRtPeriod { get; }
    public Flag<long> CpuRtRuntime { get; }
    public Flag<string> CpusetCpus { get; }
    public Flag<string> CpusetMems { get; }
    public Flag<long> CpuCount { get; }
    public Flag<long> CpuPercent { get; }
    public Flag<long> PidsLimit { get; }
    public Flag<ushort> BlkioWeight { get; }
    public Flag<IReadOnlyList<WeightDevice>> BlkioWeightDevice { get; }
    public Flag<IReadOnlyList<ThrottleDevice>> DeviceReadBps { get; }
    public Flag<IReadOnlyList<ThrottleDevice>> DeviceWriteBps { get; }
    public Flag<IReadOnlyList<ThrottleDevice>> DeviceReadIops { get; }
    public Flag<IReadOnlyList<ThrottleDevice>> DeviceWriteIops { get; }
    public Flag<IReadOnlyList<Ulimit>> Ulimits { get; }
    public Flag<long> ShmSize { get; }
    public Flag<IReadOnlyList<DeviceMapping>> Devices { get; }
    public Flag<IReadOnlyList<string>> DeviceCgroupRules { get; }
    public Flag<string> CgroupParent { get; }
    public Flag<bool> Privileged { get; }
    public Flag<bool> ReadOnly { get; }
    public Flag<IReadOnlyList<string>> CapAdd { get; }
    public Flag<IReadOnlyList<string>> CapDrop { get; }
    public Flag<IReadOnlyList<string>> SecurityOpt { get; }
    public Flag<IReadOnlyList<string>> Sysctls { get; }
    public Flag<string> Ipc { get; }
    public Flag<string> Pid { get; }
    public Flag<string> Uts { get; }
    public Flag<string> Userns { get; }
    public Flag<string> Cgroupns { get; }
    public Flag<IReadOnlyList<string>> StorageOpt { get; }
    public Flag<string> HealthCmd { get; }
    public Flag<long> HealthInterval { get; }
    public Flag<long> HealthTimeout { get; }
    public Flag<long> HealthStartPeriod { get; }
    public Flag<long> HealthStartInterval { get; }
    public Flag<int> HealthRetries { get; }
    public Flag<bool> NoHealthcheck { get; }
    public Flag<string> LogDriver { get; }
    public Flag<IReadOnlyList<string>> LogOpts { get; }
    public Flag<IReadOnlyList<string>> Volumes { get; }
    public Flag<IReadOnlyList<Mount>> Mounts { get; }
    public Flag<IReadOnlyList<string>> Tmpfs { get; }
    public Flag<IReadOnlyList<string>> VolumesFrom { get; }
    public Flag<string> VolumeDriver { get; }
    public Flag<IReadOnlyList<string>> Networks { get; }
    public Flag<IReadOnlyList<string>> NetworkAliases { get; }
    public Flag<string> Ip { get; }
    public Flag<string> Ip6 { get; }
    public Flag<IReadOnlyList<string>> LinkLocalIps { get; }
    public Flag<string> MacAddress { get; }
    public Flag<IReadOnlyList<string>> Links { get; }
    public Flag<IReadOnlyList<string>> Publish { get; }
    public Flag<bool> PublishAll { get; }
    public Flag<IReadOnlyList<string>> Expose { get; }
    public Flag<IReadOnlyList<string>> AddHosts { get; }
    public Flag<IReadOnlyList<string>> Dns { get; }
    public Flag<IReadOnlyList<string>> DnsSearch { get; }
    public Flag<IReadOnlyList<string>> DnsOptions { get; }
    public Flag<string> Platform { get; }
    public Flag<string> Pull { get; }
    public Flag<bool> Quiet { get; }
}
