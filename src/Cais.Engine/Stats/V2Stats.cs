using Cais.Api.Models.Stats;

namespace Cais.Engine.Stats;

/// <summary>
/// A stats sample from a cgroup v2 directory (Documentation/admin-guide/cgroup-v2.rst), in the
/// shape Docker gives it there: no per-CPU list, no max_usage; memory.stat's counters under their
/// v2 names; failcnt is memory.events' "oom"; block IO from io.stat as read/write bytes.
/// </summary>
public static class V2Stats
{
    // The memory.stat counters Docker passes on for cgroup v2.
    static readonly string[] MemoryKeys =
    [
        "anon", "file", "kernel_stack", "slab", "sock", "shmem", "file_mapped", "file_dirty", "file_writeback",
        "anon_thp", "inactive_anon", "active_anon", "inactive_file", "active_file", "unevictable",
        "slab_reclaimable", "slab_unreclaimable", "pgfault", "pgmajfault", "workingset_refault", "workingset_activate",
        "workingset_nodereclaim", "pgrefill", "pgscan", "pgsteal", "pgactivate", "pgdeactivate", "pglazyfree",
        "pglazyfreed", "thp_fault_alloc", "thp_collapse_alloc",
    ];

    public static void Read(string dir, ulong machineMemory, StatsResponse into)
    {
        var cpu = StatFiles.KeyValues(dir, "cpu.stat");
        into.CpuStats.CpuUsage = new CpuUsage
        {
            TotalUsage = cpu.Get("usage_usec") * 1000,
            UsageInUsermode = cpu.Get("user_usec") * 1000,
            UsageInKernelmode = cpu.Get("system_usec") * 1000,
        };
        into.CpuStats.ThrottlingData = new ThrottlingData
        {
            Periods = cpu.Get("nr_periods"),
            ThrottledPeriods = cpu.Get("nr_throttled"),
            ThrottledTime = cpu.Get("throttled_usec") * 1000,
        };
        if (StatFiles.Number(dir, "memory.current") is { } usage)
        {
            var stat = StatFiles.KeyValues(dir, "memory.stat");
            into.MemoryStats = new MemoryStats
            {
                Usage = usage,
                Limit = V1Stats.CappedLimit(StatFiles.Number(dir, "memory.max"), machineMemory),
                Stats = MemoryKeys.ToDictionary(k => k, stat.Get, StringComparer.Ordinal),
                Failcnt = StatFiles.KeyValues(dir, "memory.events").Get("oom"),
            };
        }
        if (StatFiles.Number(dir, "pids.current") is { } pids)
            into.PidsStats = new PidsStats { Current = pids, Limit = V1Stats.Limit(StatFiles.Number(dir, "pids.max")) };
        if (StatFiles.Text(dir, "io.stat") is { } io)
            into.BlkioStats = new BlkioStats { IoServiceBytesRecursive = IoBytes(io) };
    }

    /// <summary>io.stat: "MAJ:MIN rbytes=N wbytes=N rios=N wios=N dbytes=N dios=N" per device.</summary>
    internal static List<BlkioStatEntry> IoBytes(string text)
    {
        var list = new List<BlkioStatEntry>();
        foreach (var line in text.Split('\n'))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 2) continue;
            var device = f[0].Split(':');
            if (device.Length != 2 || StatFiles.ParseNumber(device[0]) is not { } major || StatFiles.ParseNumber(device[1]) is not { } minor) continue;
            var values = f.Skip(1).Select(kv => kv.Split('=', 2)).Where(kv => kv.Length == 2)
                .ToDictionary(kv => kv[0], kv => StatFiles.ParseNumber(kv[1]) ?? 0, StringComparer.Ordinal);
            list.Add(new BlkioStatEntry { Major = major, Minor = minor, Op = "read", Value = values.Get("rbytes") });
            list.Add(new BlkioStatEntry { Major = major, Minor = minor, Op = "write", Value = values.Get("wbytes") });
        }
        return list;
    }
}
