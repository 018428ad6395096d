using Cais.Api.Models.Stats;

namespace Cais.Engine.Stats;

/// <summary>The container's directory in each v1 hierarchy that has stats to read (null where the controller is not mounted).</summary>
public sealed record V1Dirs(string? Cpu, string? Cpuacct, string? Memory, string? Pids, string? Blkio);

/// <summary>
/// A stats sample from cgroup v1 files (Documentation/admin-guide/cgroup-v1/*.rst), in the shape
/// Docker gives it: cpuacct's usage with the per-CPU list, memory.stat's counters under their v1
/// names, the memory limit (the host's memory when unlimited), pids and block IO.
/// </summary>
public static class V1Stats
{
    // The memory.stat counters Docker passes on for cgroup v1.
    static readonly string[] MemoryKeys =
    [
        "cache", "rss", "rss_huge", "mapped_file", "dirty", "writeback", "pgpgin", "pgpgout", "pgfault", "pgmajfault",
        "inactive_anon", "active_anon", "inactive_file", "active_file", "unevictable",
        "hierarchical_memory_limit", "hierarchical_memsw_limit",
        "total_cache", "total_rss", "total_rss_huge", "total_mapped_file", "total_dirty", "total_writeback",
        "total_pgpgin", "total_pgpgout", "total_pgfault", "total_pgmajfault", "total_inactive_anon", "total_active_anon",
        "total_inactive_file", "total_active_file", "total_unevictable",
    ];

    public static void Read(V1Dirs dirs, ulong machineMemory, StatsResponse into)
    {
        ReadCpu(dirs, into.CpuStats);
        ReadMemory(dirs.Memory, machineMemory, into.MemoryStats);
        if (StatFiles.Number(dirs.Pids, "pids.current") is { } current)
            into.PidsStats = new PidsStats { Current = current, Limit = Limit(StatFiles.Number(dirs.Pids, "pids.max")) };
        into.BlkioStats = ReadBlkio(dirs.Blkio);
    }

    static void ReadCpu(V1Dirs dirs, CpuStats cpu)
    {
        cpu.CpuUsage.TotalUsage = StatFiles.Number(dirs.Cpuacct, "cpuacct.usage") ?? 0;
        if (StatFiles.Text(dirs.Cpuacct, "cpuacct.usage_percpu") is { } percpu)
            cpu.CpuUsage.PercpuUsage = [.. percpu.Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(v => StatFiles.ParseNumber(v) ?? 0)];
        // cpuacct.stat counts in USER_HZ ticks.
        var times = StatFiles.KeyValues(dirs.Cpuacct, "cpuacct.stat");
        const ulong tick = 1_000_000_000 / HostStats.ClockTicksPerSecond;
        cpu.CpuUsage.UsageInUsermode = times.Get("user") * tick;
        cpu.CpuUsage.UsageInKernelmode = times.Get("system") * tick;
        var bandwidth = StatFiles.KeyValues(dirs.Cpu, "cpu.stat");
        cpu.ThrottlingData = new ThrottlingData
        {
            Periods = bandwidth.Get("nr_periods"),
            ThrottledPeriods = bandwidth.Get("nr_throttled"),
            ThrottledTime = bandwidth.Get("throttled_time"),
        };
    }

    static void ReadMemory(string? dir, ulong machineMemory, MemoryStats memory)
    {
        if (dir is null || !Directory.Exists(dir)) return;
        var stat = StatFiles.KeyValues(dir, "memory.stat");
        memory.Stats = MemoryKeys.ToDictionary(k => k, stat.Get, StringComparer.Ordinal);
        memory.Usage = StatFiles.Number(dir, "memory.usage_in_bytes") ?? 0;
        memory.MaxUsage = StatFiles.Number(dir, "memory.max_usage_in_bytes") ?? 0;
        memory.Failcnt = StatFiles.Number(dir, "memory.failcnt") ?? 0;
        memory.Limit = CappedLimit(StatFiles.Number(dir, "memory.limit_in_bytes"), machineMemory);
    }

    /// <summary>The limit, or the host's memory when the limit is above it (unlimited reads as a huge number).</summary>
    internal static ulong CappedLimit(ulong? limit, ulong machineMemory) =>
        limit is not { } l ? machineMemory : machineMemory > 0 && l > machineMemory ? machineMemory : l;

    /// <summary>pids.max: "max" is no limit, which Docker reports as 0.</summary>
    internal static ulong Limit(ulong? max) => max is { } m && m != ulong.MaxValue ? m : 0;

    /// <summary>
    /// Bytes and operations per device. CFQ's files went with CFQ (Linux 5.0); BFQ's count only the
    /// devices BFQ schedules; the throttle files count every bio. The first that has anything wins.
    /// </summary>
    static BlkioStats ReadBlkio(string? dir)
    {
        foreach (var (bytes, ops) in new[]
                 {
                     ("blkio.io_service_bytes_recursive", "blkio.io_serviced_recursive"),
                     ("blkio.bfq.io_service_bytes_recursive", "blkio.bfq.io_serviced_recursive"),
                     ("blkio.throttle.io_service_bytes_recursive", "blkio.throttle.io_serviced_recursive"),
                     ("blkio.throttle.io_service_bytes", "blkio.throttle.io_serviced"),
                 })
        {
            var bytesEntries = BlkioEntries(StatFiles.Text(dir, bytes));
            if (bytesEntries.Count == 0) continue;
            return new BlkioStats { IoServiceBytesRecursive = bytesEntries, IoServicedRecursive = BlkioEntries(StatFiles.Text(dir, ops)) };
        }
        return new BlkioStats();
    }

    /// <summary>"8:0 Read 4096" lines; the closing "Total N" line is not per device and is left out.</summary>
    internal static List<BlkioStatEntry> BlkioEntries(string? text)
    {
        var list = new List<BlkioStatEntry>();
        if (text is null) return list;
        foreach (var line in text.Split('\n'))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length != 3) continue;
            var device = f[0].Split(':');
            if (device.Length != 2 || StatFiles.ParseNumber(device[0]) is not { } major || StatFiles.ParseNumber(device[1]) is not { } minor) continue;
            list.Add(new BlkioStatEntry { Major = major, Minor = minor, Op = f[1], Value = StatFiles.ParseNumber(f[2]) ?? 0 });
        }
        return list;
    }
}
