using System.Diagnostics;
using Cais.Runtime.Spec;

namespace Cais.Runtime.Cgroups;

/// <summary>
/// The cgroup v1 driver, for V1 and Hybrid hosts. The container gets a directory in every
/// mounted v1 hierarchy, named ones like name=systemd included, so that tools inside and
/// outside find it wherever they look. On a Hybrid host the leaf is also made (and joined,
/// and removed) in the cgroup2 hierarchy, which holds no controllers there and gets no limits.
/// </summary>
internal sealed class CgroupV1 : ICgroup
{
    static readonly TimeSpan FreezeTimeout = TimeSpan.FromSeconds(10);
    static readonly TimeSpan DestroyBusyFor = TimeSpan.FromSeconds(2);

    readonly CgroupLayout _layout;
    readonly CgroupHierarchy? _unified;

    public CgroupV1(CgroupLayout layout, string path)
    {
        _layout = layout;
        _unified = layout.Mode == CgroupMode.Hybrid ? layout.Unified : null;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Every hierarchy the leaf lives in.</summary>
    IEnumerable<CgroupHierarchy> All => _unified is null ? _layout.V1 : _layout.V1.Append(_unified);

    public bool Exists => All.Any(h => Directory.Exists(h.DirectoryOf(Path)));

    public IReadOnlyList<CgroupMountSource> MountSources =>
        _layout.V1.Select(h => new CgroupMountSource(MountName(h), h.DirectoryOf(Path))).ToList();

    public void Create()
    {
        foreach (CgroupHierarchy h in All)
        {
            List<string> dirs = CgroupFiles.MakeDirs(h.MountPoint, Path);
            if (!h.Has("cpuset")) continue;
            // Top down, so each level copies from a parent that is already filled in.
            string parent = h.MountPoint;
            foreach (string dir in dirs)
            {
                V1Cpuset.InheritFromParent(new CgroupDir(parent), new CgroupDir(dir));
                parent = dir;
            }
        }
    }

    public IReadOnlyList<string> Apply(ResourcesSpec? resources) =>
        resources is null ? [] : V1Resources.Apply(_layout, Path, resources);

    public void AddProcess(int pid)
    {
        foreach (CgroupHierarchy h in All) new CgroupDir(h.DirectoryOf(Path)).Write("cgroup.procs", Num.Of(pid));
    }

    public IReadOnlyList<int> Pids()
    {
        CgroupHierarchy? h = _layout.Find("pids") ?? _layout.Find("memory") ?? _layout.V1.FirstOrDefault() ?? _unified;
        return h is null ? [] : CgroupFiles.ReadPids(h.DirectoryOf(Path) + "/cgroup.procs");
    }

    public void Freeze() => V1Freezer.Freeze(FreezerDir(), FreezeTimeout);

    public void Thaw() => V1Freezer.Thaw(FreezerDir());

    public void KillAll()
    {
        CgroupDir? freezer = _layout.Find("freezer") is { } h ? new CgroupDir(h.DirectoryOf(Path)) : null;
        if (freezer is not null && !Directory.Exists(freezer.Path)) freezer = null;
        KillLoop.FreezeKillThaw(
            Path, Pids,
            freezer is null ? null : timeout => V1Freezer.Freeze(freezer, timeout),
            freezer is null ? null : () => V1Freezer.Thaw(freezer));
    }

    public void Destroy()
    {
        // One deadline for all hierarchies: the processes leave all of them at the same moment.
        var clock = Stopwatch.StartNew();
        CgroupException? first = null;
        foreach (CgroupHierarchy h in All)
        {
            try
            {
                TimeSpan left = DestroyBusyFor - clock.Elapsed;
                CgroupFiles.RemoveDir(h.DirectoryOf(Path), left > TimeSpan.Zero ? left : TimeSpan.Zero);
            }
            catch (CgroupException e)
            {
                // Go on with the other hierarchies, so as little as possible is left behind.
                first ??= e;
            }
        }
        if (first is not null) throw first;
    }

    CgroupDir FreezerDir() =>
        _layout.Find("freezer") is { } h
            ? new CgroupDir(h.DirectoryOf(Path))
            : throw new CgroupException($"cannot freeze or thaw {Path}: the freezer cgroup controller is not mounted");

    /// <summary>"cpu,cpuacct" for a co-mounted hierarchy; "systemd" for name=systemd.</summary>
    internal static string MountName(CgroupHierarchy h) =>
        string.Join(',', h.Controllers.Select(c => c.StartsWith("name=", StringComparison.Ordinal) ? c[5..] : c));
}
