namespace Cais.Runtime.Cgroups;

/// <summary>The cgroup hierarchies this host mounts, and what mode that makes it.</summary>
public sealed class CgroupLayout
{
    // Super options of a v1 cgroupfs that are not controller names: what cgroup1_show_options
    // (kernel/cgroup/cgroup-v1.c) prints besides controllers, plus "rw"/"ro" and SELinux's
    // "seclabel". Options with "=" (release_agent=..., LSM ones) are dropped too, except name=.
    static readonly HashSet<string> V1Flags =
        ["rw", "ro", "noprefix", "clone_children", "xattr", "cpuset_v2_mode", "favordynmods", "seclabel", "none", "all"];

    CgroupLayout(CgroupMode mode, IReadOnlyList<CgroupHierarchy> hierarchies)
    {
        Mode = mode;
        Hierarchies = hierarchies;
    }

    public CgroupMode Mode { get; }

    /// <summary>Every mounted hierarchy (v1 ones, named ones, and the cgroup2 one), in mount order.</summary>
    public IReadOnlyList<CgroupHierarchy> Hierarchies { get; }

    /// <summary>Reads /proc/self/mountinfo.</summary>
    public static CgroupLayout Detect() => Parse(File.ReadAllText("/proc/self/mountinfo"));

    /// <summary>Builds the layout from mountinfo text; CgroupException when no cgroup filesystem is mounted.</summary>
    public static CgroupLayout Parse(string mountinfoText)
    {
        // One hierarchy can be mounted several times (bind mounts). Keep one mount per
        // hierarchy (per device number), preferring a mount of the hierarchy's root, because
        // cgroups paths are relative to that root.
        var chosen = new List<MountInfoEntry>();
        foreach (MountInfoEntry m in MountInfo.Parse(mountinfoText))
        {
            if (m.FsType is not ("cgroup" or "cgroup2")) continue;
            int at = chosen.FindIndex(c => c.Device == m.Device);
            if (at < 0) chosen.Add(m);
            else if (chosen[at].Root != "/" && m.Root == "/") chosen[at] = m;
        }
        var hierarchies = chosen
            .Select(m => m.FsType == "cgroup2"
                ? new CgroupHierarchy([], m.MountPoint, IsUnified: true)
                : new CgroupHierarchy(Controllers(m.SuperOptions), m.MountPoint, IsUnified: false))
            .ToList();
        return new CgroupLayout(ModeOf(hierarchies), hierarchies);
    }

    /// <summary>A layout of made-up hierarchies (temp directories), for tests.</summary>
    public static CgroupLayout ForTest(CgroupMode mode, IReadOnlyList<CgroupHierarchy> hierarchies) =>
        new(mode, hierarchies);

    /// <summary>The v1 hierarchy carrying <paramref name="controller"/>, or null when it is not mounted.</summary>
    internal CgroupHierarchy? Find(string controller) => Hierarchies.FirstOrDefault(h => h.Has(controller));

    /// <summary>The cgroup2 hierarchy, or null.</summary>
    internal CgroupHierarchy? Unified => Hierarchies.FirstOrDefault(h => h.IsUnified);

    /// <summary>Every v1 hierarchy, named ones (name=systemd) included.</summary>
    internal IEnumerable<CgroupHierarchy> V1 => Hierarchies.Where(h => !h.IsUnified);

    static List<string> Controllers(IReadOnlyList<string> superOptions) =>
        superOptions.Where(o => !V1Flags.Contains(o) && (!o.Contains('=') || o.StartsWith("name=", StringComparison.Ordinal)))
            .ToList();

    static CgroupMode ModeOf(List<CgroupHierarchy> hierarchies)
    {
        // A v1 hierarchy with only a name (name=systemd) carries no controller: v2 hosts
        // sometimes mount one for old containers, and that does not make them hybrid.
        bool v1Controllers = hierarchies.Any(h =>
            !h.IsUnified && h.Controllers.Any(c => !c.StartsWith("name=", StringComparison.Ordinal)));
        bool unified = hierarchies.Any(h => h.IsUnified);
        if (v1Controllers) return unified ? CgroupMode.Hybrid : CgroupMode.V1;
        if (unified) return CgroupMode.V2;
        throw new CgroupException("no cgroup filesystem is mounted (none found in mountinfo)");
    }
}
