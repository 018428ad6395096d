using Cais.Runtime.Spec;

namespace Cais.Runtime.Cgroups;

/// <summary>The v1 cpuset controller (Documentation/admin-guide/cgroup-v1/cpusets.rst).</summary>
internal static class V1Cpuset
{
    internal const string Cpus = "cpuset.cpus", Mems = "cpuset.mems";

    public static bool Requests(CpuResources c) => !string.IsNullOrEmpty(c.Cpus) || !string.IsNullOrEmpty(c.Mems);

    public static void Apply(CgroupDir dir, CpuResources c)
    {
        if (!string.IsNullOrEmpty(c.Cpus)) dir.Write(Cpus, c.Cpus);
        if (!string.IsNullOrEmpty(c.Mems)) dir.Write(Mems, c.Mems);
    }

    /// <summary>
    /// A new v1 cpuset directory starts with EMPTY cpus and mems (unless the parent has
    /// cgroup.clone_children set), and the kernel refuses to attach a task to it (ENOSPC).
    /// So every level we walk through gets its parent's values when its own are empty.
    /// </summary>
    public static void InheritFromParent(CgroupDir parent, CgroupDir dir)
    {
        foreach (string file in (string[])[Cpus, Mems])
        {
            if (dir.Read(file).Length != 0) continue;
            string value = parent.Read(file);
            if (value.Length != 0) dir.Write(file, value);
        }
    }
}
