using Cais.Runtime.Cgroups;

namespace Cais.Api.Host;

/// <summary>
/// Which resource limits the host's cgroups support, for /info and its warnings. Probed the way
/// Docker's sysinfo does: a controller is there when its hierarchy (v1) or its name in
/// cgroup.controllers (v2) is; a v1 feature when its control file exists.
/// </summary>
internal sealed record CgroupFeatures
{
    /// <summary>"1" or "2"; a hybrid host (v1 controllers beside an empty cgroup2) is "1", as Docker says.</summary>
    public string Version { get; init; } = "1";
    public bool MemoryLimit { get; init; }
    public bool SwapLimit { get; init; }
    public bool KernelMemoryTcp { get; init; }
    public bool OomKillDisable { get; init; }
    public bool CpuCfsPeriod { get; init; }
    public bool CpuCfsQuota { get; init; }
    public bool CpuShares { get; init; }
    public bool CpuSet { get; init; }
    public bool PidsLimit { get; init; }

    public static CgroupFeatures Detect()
    {
        CgroupLayout layout;
        try
        {
            layout = CgroupLayout.Detect();
        }
        catch (CgroupException)
        {
            return new CgroupFeatures();
        }
        return layout.Mode == CgroupMode.V2 ? DetectV2(layout) : DetectV1(layout);
    }

    static CgroupFeatures DetectV1(CgroupLayout layout)
    {
        string? Mount(string controller) => layout.Hierarchies.FirstOrDefault(h => h.Has(controller))?.MountPoint;
        bool Has(string controller, string file) => Mount(controller) is { } dir && File.Exists(Path.Combine(dir, file));
        return new CgroupFeatures
        {
            Version = "1",
            MemoryLimit = Mount("memory") is not null,
            SwapLimit = Has("memory", "memory.memsw.limit_in_bytes"),
            KernelMemoryTcp = Has("memory", "memory.kmem.tcp.limit_in_bytes"),
            OomKillDisable = Has("memory", "memory.oom_control"),
            CpuCfsPeriod = Has("cpu", "cpu.cfs_period_us"),
            CpuCfsQuota = Has("cpu", "cpu.cfs_quota_us"),
            CpuShares = Has("cpu", "cpu.shares"),
            CpuSet = Mount("cpuset") is not null,
            PidsLimit = Mount("pids") is not null,
        };
    }

    static CgroupFeatures DetectV2(CgroupLayout layout)
    {
        var unified = layout.Hierarchies.First(h => h.IsUnified).MountPoint;
        var controllers = Read(Path.Combine(unified, "cgroup.controllers"))?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        bool memory = controllers.Contains("memory"), cpu = controllers.Contains("cpu");
        // memory.swap.max exists in every non-root group when the kernel accounts swap; look at
        // the daemon's own group ("0::/path" in /proc/self/cgroup).
        var own = Read("/proc/self/cgroup")?.Split('\n').FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal))?[3..].Trim() ?? "/";
        var ownDir = own == "/" ? unified : unified.TrimEnd('/') + own;
        return new CgroupFeatures
        {
            Version = "2",
            MemoryLimit = memory,
            SwapLimit = memory && File.Exists(Path.Combine(ownDir, "memory.swap.max")),
            CpuCfsPeriod = cpu,
            CpuCfsQuota = cpu,
            CpuShares = cpu,
            CpuSet = controllers.Contains("cpuset"),
            PidsLimit = controllers.Contains("pids"),
        };
    }

    static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Docker's warnings for what is missing, in its words.</summary>
    public IEnumerable<string> Warnings()
    {
        if (!MemoryLimit) yield return "WARNING: No memory limit support";
        if (!SwapLimit) yield return "WARNING: No swap limit support";
        if (Version == "1" && MemoryLimit && !OomKillDisable) yield return "WARNING: No oom kill disable support";
        if (!CpuCfsQuota) yield return "WARNING: No cpu cfs quota support";
        if (!CpuCfsPeriod) yield return "WARNING: No cpu cfs period support";
        if (!CpuShares) yield return "WARNING: No cpu shares support";
        if (!CpuSet) yield return "WARNING: No cpuset support";
    }
}
