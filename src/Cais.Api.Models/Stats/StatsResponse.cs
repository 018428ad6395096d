using System.Text.Json.Serialization;
using Cais.Api.Models.Containers;

namespace Cais.Api.Models.Stats;

/// <summary>
/// One sample of <c>GET /containers/{id}/stats</c> (moby <c>container.StatsResponse</c>), with
/// Docker's snake_case names. <c>precpu_stats</c> is the previous sample's CPU data, so a client
/// computes CPU % from one response: (cpu delta / system delta) × online CPUs × 100. On cgroup v2
/// Docker leaves most blkio lists, <c>percpu_usage</c>, <c>max_usage</c> and <c>failcnt</c> unset.
/// </summary>
public sealed class StatsResponse
{
    [JsonPropertyName("name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; set; }

    [JsonPropertyName("id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; set; }

    /// <summary>When this sample was taken.</summary>
    [JsonPropertyName("read")]
    [JsonConverter(typeof(DockerTimestampJsonConverter))]
    public DateTimeOffset Read { get; set; } = DateTimeOffset.MinValue;

    /// <summary>When the previous sample was taken (Go's zero time for the first one).</summary>
    [JsonPropertyName("preread")]
    [JsonConverter(typeof(DockerTimestampJsonConverter))]
    public DateTimeOffset PreRead { get; set; } = DateTimeOffset.MinValue;

    [JsonPropertyName("pids_stats")]
    public PidsStats PidsStats { get; set => field = value ?? new(); } = new();

    [JsonPropertyName("blkio_stats")]
    public BlkioStats BlkioStats { get; set => field = value ?? new(); } = new();

    /// <summary>Windows only.</summary>
    [JsonPropertyName("num_procs")]
    public uint NumProcs { get; set; }

    /// <summary>Windows only.</summary>
    [JsonPropertyName("storage_stats")]
    public StorageStats StorageStats { get; set => field = value ?? new(); } = new();

    [JsonPropertyName("cpu_stats")]
    public CpuStats CpuStats { get; set => field = value ?? new(); } = new();

    [JsonPropertyName("precpu_stats")]
    public CpuStats PreCpuStats { get; set => field = value ?? new(); } = new();

    [JsonPropertyName("memory_stats")]
    public MemoryStats MemoryStats { get; set => field = value ?? new(); } = new();

    /// <summary>Interface name (<c>eth0</c>) to counters; absent for containers without a network namespace of their own.</summary>
    [JsonPropertyName("networks")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, NetworkStats>? Networks { get; set; }
}

public sealed class PidsStats
{
    [JsonPropertyName("current")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong Current { get; set; }

    /// <summary>The pids limit; 0 when unlimited.</summary>
    [JsonPropertyName("limit")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong Limit { get; set; }
}

/// <summary>Block IO counters per device and operation; each list is null when the cgroup version does not provide it.</summary>
public sealed class BlkioStats
{
    [JsonPropertyName("io_service_bytes_recursive")]
    public List<BlkioStatEntry>? IoServiceBytesRecursive { get; set; }

    [JsonPropertyName("io_serviced_recursive")]
    public List<BlkioStatEntry>? IoServicedRecursive { get; set; }

    [JsonPropertyName("io_queue_recursive")]
    public List<BlkioStatEntry>? IoQueuedRecursive { get; set; }

    [JsonPropertyName("io_service_time_recursive")]
    public List<BlkioStatEntry>? IoServiceTimeRecursive { get; set; }

    [JsonPropertyName("io_wait_time_recursive")]
    public List<BlkioStatEntry>? IoWaitTimeRecursive { get; set; }

    [JsonPropertyName("io_merged_recursive")]
    public List<BlkioStatEntry>? IoMergedRecursive { get; set; }

    [JsonPropertyName("io_time_recursive")]
    public List<BlkioStatEntry>? IoTimeRecursive { get; set; }

    [JsonPropertyName("sectors_recursive")]
    public List<BlkioStatEntry>? SectorsRecursive { get; set; }
}

/// <summary>One counter: device <c>major:minor</c>, operation (<c>read</c>, <c>write</c>, ...) and value.</summary>
public sealed class BlkioStatEntry
{
    [JsonPropertyName("major")]
    public ulong Major { get; set; }

    [JsonPropertyName("minor")]
    public ulong Minor { get; set; }

    [JsonPropertyName("op")]
    public string Op { get; set; } = "";

    [JsonPropertyName("value")]
    public ulong Value { get; set; }
}

/// <summary>Windows only; kept so the shape matches Docker's.</summary>
public sealed class StorageStats
{
    [JsonPropertyName("read_count_normalized")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong ReadCountNormalized { get; set; }

    [JsonPropertyName("read_size_bytes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong ReadSizeBytes { get; set; }

    [JsonPropertyName("write_count_normalized")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong WriteCountNormalized { get; set; }

    [JsonPropertyName("write_size_bytes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong WriteSizeBytes { get; set; }
}

public sealed class CpuStats
{
    [JsonPropertyName("cpu_usage")]
    public CpuUsage CpuUsage { get; set => field = value ?? new(); } = new();

    /// <summary>The host's total CPU time in nanoseconds (all CPUs, from /proc/stat).</summary>
    [JsonPropertyName("system_cpu_usage")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong SystemCpuUsage { get; set; }

    [JsonPropertyName("online_cpus")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public uint OnlineCpus { get; set; }

    [JsonPropertyName("throttling_data")]
    public ThrottlingData ThrottlingData { get; set => field = value ?? new(); } = new();
}

/// <summary>The container's CPU time in nanoseconds.</summary>
public sealed class CpuUsage
{
    [JsonPropertyName("total_usage")]
    public ulong TotalUsage { get; set; }

    /// <summary>Per-CPU usage; cgroup v1 only.</summary>
    [JsonPropertyName("percpu_usage")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<ulong>? PercpuUsage { get; set; }

    [JsonPropertyName("usage_in_kernelmode")]
    public ulong UsageInKernelmode { get; set; }

    [JsonPropertyName("usage_in_usermode")]
    public ulong UsageInUsermode { get; set; }
}

/// <summary>CFS throttling counters.</summary>
public sealed class ThrottlingData
{
    [JsonPropertyName("periods")]
    public ulong Periods { get; set; }

    [JsonPropertyName("throttled_periods")]
    public ulong ThrottledPeriods { get; set; }

    /// <summary>Nanoseconds.</summary>
    [JsonPropertyName("throttled_time")]
    public ulong ThrottledTime { get; set; }
}

/// <summary>
/// Memory use in bytes. <c>docker stats</c> shows usage minus the inactive file cache
/// (<c>stats.inactive_file</c> on cgroup v2, <c>stats.total_inactive_file</c> on v1).
/// </summary>
public sealed class MemoryStats
{
    [JsonPropertyName("usage")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong Usage { get; set; }

    /// <summary>cgroup v1 only.</summary>
    [JsonPropertyName("max_usage")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong MaxUsage { get; set; }

    /// <summary>The memory controller's statistics file as name to value (names differ between cgroup v1 and v2).</summary>
    [JsonPropertyName("stats")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, ulong>? Stats { get; set; }

    /// <summary>cgroup v1 only.</summary>
    [JsonPropertyName("failcnt")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong Failcnt { get; set; }

    /// <summary>The limit, or the host's memory when unlimited.</summary>
    [JsonPropertyName("limit")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong Limit { get; set; }

    /// <summary>Windows only.</summary>
    [JsonPropertyName("commitbytes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong CommitBytes { get; set; }

    /// <summary>Windows only.</summary>
    [JsonPropertyName("commitpeakbytes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong CommitPeakBytes { get; set; }

    /// <summary>Windows only.</summary>
    [JsonPropertyName("privateworkingset")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong PrivateWorkingSet { get; set; }
}

/// <summary>Counters of one network interface of the container.</summary>
public sealed class NetworkStats
{
    [JsonPropertyName("rx_bytes")]
    public ulong RxBytes { get; set; }

    [JsonPropertyName("rx_packets")]
    public ulong RxPackets { get; set; }

    [JsonPropertyName("rx_errors")]
    public ulong RxErrors { get; set; }

    [JsonPropertyName("rx_dropped")]
    public ulong RxDropped { get; set; }

    [JsonPropertyName("tx_bytes")]
    public ulong TxBytes { get; set; }

    [JsonPropertyName("tx_packets")]
    public ulong TxPackets { get; set; }

    [JsonPropertyName("tx_errors")]
    public ulong TxErrors { get; set; }

    [JsonPropertyName("tx_dropped")]
    public ulong TxDropped { get; set; }

    /// <summary>Windows only.</summary>
    [JsonPropertyName("endpoint_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EndpointId { get; set; }

    /// <summary>Windows only.</summary>
    [JsonPropertyName("instance_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InstanceId { get; set; }
}
