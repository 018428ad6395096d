using Cais.Api.Models.Stats;
using Cais.Runtime.Cgroups;

namespace Cais.Engine.Stats;

/// <summary>Reads a container's cgroup with the reader its host's layout calls for.</summary>
public static class CgroupStatsReader
{
    /// <summary>
    /// Fills <paramref name="into"/> from the cgroup <paramref name="cgroupPath"/>: v2 where cgroup2 holds
    /// the controllers, else the v1 hierarchies (a hybrid host's cgroup2 has none of them).
    /// </summary>
    public static void Read(CgroupLayout layout, string cgroupPath, ulong machineMemory, StatsResponse into)
    {
        if (layout.Mode == CgroupMode.V2)
        {
            var unified = layout.Hierarchies.First(h => h.IsUnified);
            V2Stats.Read(unified.DirectoryOf(cgroupPath), machineMemory, into);
            return;
        }
        V1Stats.Read(V1DirsOf(layout, cgroupPath), machineMemory, into);
    }

    public static V1Dirs V1DirsOf(CgroupLayout layout, string cgroupPath)
    {
        string? Dir(string controller) =>
            layout.Hierarchies.FirstOrDefault(h => h.Has(controller))?.DirectoryOf(cgroupPath);
        return new V1Dirs(Dir("cpu"), Dir("cpuacct"), Dir("memory"), Dir("pids"), Dir("blkio"));
    }

    /// <summary>The memory charged to the cgroup now and at its peak (v2's memory.peak needs Linux 5.19; 0 without it).</summary>
    public static (ulong Current, ulong Peak) MemoryUsage(CgroupLayout layout, string cgroupPath)
    {
        if (layout.Mode == CgroupMode.V2)
        {
            var dir = layout.Hierarchies.First(h => h.IsUnified).DirectoryOf(cgroupPath);
            return (StatFiles.Number(dir, "memory.current") ?? 0, StatFiles.Number(dir, "memory.peak") ?? 0);
        }
        var memory = V1DirsOf(layout, cgroupPath).Memory;
        return (StatFiles.Number(memory, "memory.usage_in_bytes") ?? 0, StatFiles.Number(memory, "memory.max_usage_in_bytes") ?? 0);
    }
}
