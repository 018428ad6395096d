using Cais.Runtime.Spec;

namespace Cais.Runtime.Cgroups;

/// <summary>
/// Applies linux.resources on cgroup v1: each controller writes in its own hierarchy (the one
/// whose mount carries that controller), in the container's directory there.
/// </summary>
internal static class V1Resources
{
    public const string UnifiedNeedsV2 = "linux.resources.unified needs cgroup v2";

    public static List<string> Apply(CgroupLayout layout, string path, ResourcesSpec r)
    {
        // Refused before anything is written, so a failed Apply changes nothing.
        if (r.Unified is { Count: > 0 }) throw new CgroupException(UnifiedNeedsV2);

        var warnings = new List<string>();
        if (r.Devices is { Count: > 0 } devices)
            In(layout, "devices", path, warnings, dir => V1Devices.Apply(dir, devices));
        if (r.Memory is { } memory && V1Memory.Requests(memory))
            In(layout, "memory", path, warnings, dir => V1Memory.Apply(dir, memory, warnings));
        if (r.Cpu is { } cpu && V1Cpu.Requests(cpu))
            In(layout, "cpu", path, warnings, dir => V1Cpu.Apply(dir, cpu, warnings));
        if (r.Cpu is { } cpuset && V1Cpuset.Requests(cpuset))
            In(layout, "cpuset", path, warnings, dir => V1Cpuset.Apply(dir, cpuset));
        if (r.Pids is { } pids)
            In(layout, "pids", path, warnings, dir => V1Pids.Apply(dir, pids));
        if (r.BlockIO is { } blkio && V1Blkio.Requests(blkio))
            In(layout, "blkio", path, warnings, dir => V1Blkio.Apply(dir, blkio, warnings));
        return warnings;
    }

    static void In(CgroupLayout layout, string controller, string path, List<string> warnings, Action<CgroupDir> apply)
    {
        CgroupHierarchy? hierarchy = layout.Find(controller);
        if (hierarchy is null)
        {
            warnings.Add($"the {controller} cgroup controller is not mounted; its limits are ignored");
            return;
        }
        apply(new CgroupDir(hierarchy.DirectoryOf(path)));
    }
}
