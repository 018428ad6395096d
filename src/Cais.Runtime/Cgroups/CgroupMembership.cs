namespace Cais.Runtime.Cgroups;

/// <summary>
/// Where a process is in every mounted hierarchy (from /proc/PID/cgroup), so it can be put back.
/// </summary>
/// <remarks>
/// Used to fork container processes straight into their cgroups: the runtime moves itself in,
/// forks, and moves itself back. Migrating a process just after it was forked waits for an RCU
/// grace period in the kernel (rcu_sync_enter → synchronize_rcu_expedited under
/// cgroup_procs_write_start; 3-8 ms on these hosts), while migrating a process that has been
/// running costs a fraction of a millisecond; a child forked inside a cgroup needs no
/// migration at all. (cgroup v2 has clone3's CLONE_INTO_CGROUP for this; v1 has nothing.)
/// </remarks>
public sealed class CgroupMembership
{
    readonly List<(CgroupHierarchy Hierarchy, string Path)> places;

    CgroupMembership(List<(CgroupHierarchy, string)> places) => this.places = places;

    public static CgroupMembership Of(CgroupLayout layout, int pid) =>
        Parse(layout, File.ReadAllText($"/proc/{pid}/cgroup"));

    /// <summary>Matches /proc/PID/cgroup lines ("ID:controllers:path", "0::path" for cgroup2) to the layout's hierarchies.</summary>
    public static CgroupMembership Parse(CgroupLayout layout, string procCgroup)
    {
        var places = new List<(CgroupHierarchy, string)>();
        foreach (var line in procCgroup.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(':', 3);
            if (parts.Length != 3) continue;
            var controllers = parts[1].Length == 0 ? [] : parts[1].Split(',');
            var h = layout.Hierarchies.FirstOrDefault(x => controllers.Length == 0
                ? x.IsUnified
                : !x.IsUnified && x.Controllers.Count == controllers.Length && controllers.All(x.Controllers.Contains));
            if (h is not null) places.Add((h, parts[2]));
        }
        return new CgroupMembership(places);
    }

    /// <summary>The directory of this membership in <paramref name="hierarchy"/>, if it has one there.</summary>
    public string? DirectoryIn(CgroupHierarchy hierarchy) =>
        places.FirstOrDefault(p => p.Hierarchy == hierarchy) is var (h, path) && h is not null ? h.DirectoryOf(path) : null;

    /// <summary>Puts <paramref name="pid"/> back where this membership was taken.</summary>
    public void Restore(int pid)
    {
        foreach (var (h, path) in places) CgroupFiles.Write(Path.Combine(h.DirectoryOf(path), "cgroup.procs"), Num.Of(pid));
    }
}
