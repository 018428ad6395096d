namespace Cais.Runtime.Cgroups;

/// <summary>
/// cgroup v2 delegates a controller to a cgroup's children only when it is listed in that
/// cgroup's cgroup.subtree_control ("+cpu" enables it), and only for controllers the cgroup
/// itself has (cgroup-v2.rst, "Enabling and Disabling"). So every ancestor of the leaf, from
/// the root down to the leaf's parent, must enable what the leaf needs.
/// </summary>
internal static class V2Controllers
{
    /// <summary>The controllers cais uses; others (hugetlb, rdma, misc) are left as they are.</summary>
    static readonly HashSet<string> Used = ["cpu", "cpuset", "memory", "pids", "io"];

    /// <summary>The used controllers the root offers, in the root's (the kernel's) order.</summary>
    public static List<string> Wanted(CgroupDir root) =>
        root.Read("cgroup.controllers").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(Used.Contains).ToList();

    /// <summary>
    /// Enables <paramref name="wanted"/> in each of <paramref name="ancestors"/> (root first),
    /// writing only the ones not yet enabled, all in one write ("+cpu +memory").
    /// </summary>
    public static void Enable(IReadOnlyList<CgroupDir> ancestors, IReadOnlyList<string> wanted)
    {
        if (wanted.Count == 0) return;
        foreach (CgroupDir dir in ancestors)
        {
            var enabled = dir.Read("cgroup.subtree_control").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
            string[] missing = wanted.Where(c => !enabled.Contains(c)).Select(c => "+" + c).ToArray();
            if (missing.Length == 0) continue;
            try
            {
                dir.Write("cgroup.subtree_control", string.Join(' ', missing));
            }
            catch (CgroupException e) when (e.Errno == Cais.Linux.Errno.EBUSY)
            {
                // "No Internal Process Constraint": a non-root cgroup with processes of its own
                // cannot hand controllers to children.
                throw new CgroupException(
                    $"{e.Message} ({dir.Path} has processes of its own, so cgroup v2 lets it delegate no controllers)",
                    e.Errno, e);
            }
        }
    }
}
