using System.Text.Json.Serialization;

namespace Cais.Api.Models.Containers;

/// <summary>
/// A container's cgroup limits and ulimits (moby <c>container.Resources</c>, swagger
/// <c>Resources</c>). Docker embeds these fields at the top level of <see cref="HostConfig"/>
/// and of the update body (<see cref="ContainerUpdateRequest"/>), so both derive from this class.
/// Zero means "not set" for the plain numbers; the nullable ones are Go pointers, where null means
/// "not set" and Docker writes <c>null</c>.
/// </summary>
public abstract class ContainerResources
{
    /// <summary>Relative CPU weight (cgroup v1 <c>cpu.shares</c>, 2..262144).</summary>
    public long CpuShares { get; set; }

    /// <summary>Memory limit in bytes.</summary>
    public long Memory { get; set; }

    /// <summary>CPU quota in units of 1e-9 CPUs (<c>--cpus 1.5</c> is 1500000000).</summary>
    public long NanoCpus { get; set; }

    public string CgroupParent { get; set; } = "";

    /// <summary>Block IO weight, 10..1000 (0 leaves it unset).</summary>
    public ushort BlkioWeight { get; set; }

    public List<WeightDevice>? BlkioWeightDevice { get; set; }

    public List<ThrottleDevice>? BlkioDeviceReadBps { get; set; }

    public List<ThrottleDevice>? BlkioDeviceWriteBps { get; set; }

    public List<ThrottleDevice>? BlkioDeviceReadIOps { get; set; }

    public List<ThrottleDevice>? BlkioDeviceWriteIOps { get; set; }

    /// <summary>CFS period in microseconds.</summary>
    public long CpuPeriod { get; set; }

    /// <summary>CFS quota in microseconds per period.</summary>
    public long CpuQuota { get; set; }

    public long CpuRealtimePeriod { get; set; }

    public long CpuRealtimeRuntime { get; set; }

    /// <summary>CPUs allowed, e.g. <c>0-3</c> or <c>0,1</c>.</summary>
    public string CpusetCpus { get; set; } = "";

    public string CpusetMems { get; set; } = "";

    public List<DeviceMapping>? Devices { get; set; }

    /// <summary>Device cgroup rules such as <c>c 13:* rwm</c>.</summary>
    public List<string>? DeviceCgroupRules { get; set; }

    public List<DeviceRequest>? DeviceRequests { get; set; }

    /// <summary>Deprecated (kernel memory accounting is gone from cgroup v2); read and dropped.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long KernelMemory { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long KernelMemoryTCP { get; set; }

    /// <summary>Memory soft limit in bytes.</summary>
    public long MemoryReservation { get; set; }

    /// <summary>Memory plus swap in bytes; -1 is unlimited swap.</summary>
    public long MemorySwap { get; set; }

    /// <summary>0..100; null leaves the kernel default.</summary>
    public long? MemorySwappiness { get; set; }

    public bool? OomKillDisable { get; set; }

    /// <summary>Run an init process as PID 1; omitted (null) means the daemon default.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Init { get; set; }

    /// <summary>0 or -1 is unlimited; null leaves it unchanged.</summary>
    public long? PidsLimit { get; set; }

    public List<Ulimit>? Ulimits { get; set; }

    /// <summary>Windows only.</summary>
    public long CpuCount { get; set; }

    /// <summary>Windows only.</summary>
    public long CpuPercent { get; set; }

    /// <summary>Windows only.</summary>
    [JsonPropertyName("IOMaximumIOps")]
    public ulong IoMaximumIOps { get; set; }

    /// <summary>Windows only.</summary>
    [JsonPropertyName("IOMaximumBandwidth")]
    public ulong IoMaximumBandwidth { get; set; }
}

/// <summary>A host device made available in the container (moby <c>container.DeviceMapping</c>).</summary>
public sealed class DeviceMapping
{
    public string PathOnHost { get; set; } = "";

    public string PathInContainer { get; set; } = "";

    /// <summary>Any of <c>r</c>, <c>w</c>, <c>m</c>.</summary>
    public string CgroupPermissions { get; set; } = "";
}

/// <summary>A request for devices from a device driver such as <c>nvidia</c> (<c>--gpus</c>).</summary>
public sealed class DeviceRequest
{
    public string Driver { get; set; } = "";

    /// <summary>-1 means all devices.</summary>
    public int Count { get; set; }

    public List<string>? DeviceIDs { get; set; }

    /// <summary>An OR list of AND lists, e.g. <c>[["gpu", "nvidia", "compute"]]</c>.</summary>
    public List<List<string>>? Capabilities { get; set; }

    public Dictionary<string, string>? Options { get; set; }
}

/// <summary>A per-device block IO weight (<c>--blkio-weight-device</c>).</summary>
public sealed class WeightDevice
{
    public string Path { get; set; } = "";

    public ushort Weight { get; set; }
}

/// <summary>A per-device rate limit in bytes or operations per second (<c>--device-read-bps</c> and friends).</summary>
public sealed class ThrottleDevice
{
    public string Path { get; set; } = "";

    public ulong Rate { get; set; }
}

/// <summary>A resource limit set with setrlimit, e.g. <c>{"Name": "nofile", "Soft": 1024, "Hard": 2048}</c>.</summary>
public sealed class Ulimit
{
    public string Name { get; set; } = "";

    public long Hard { get; set; }

    public long Soft { get; set; }
}
