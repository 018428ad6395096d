using System.Diagnostics;
using Cais.Runtime.Spec;

namespace Cais.Runtime.Cgroups;

/// <summary>The cgroup v2 driver: one directory in the unified hierarchy (cgroup-v2.rst).</summary>
internal sealed class CgroupV2 : ICgroup
{
    static readonly TimeSpan FreezeTimeout = TimeSpan.FromSeconds(10);
    static readonly TimeSpan DestroyBusyFor = TimeSpan.FromSeconds(2);

    readonly CgroupHierarchy _root;
    readonly CgroupDir _leaf;

    public CgroupV2(CgroupLayout layout, string path)
    {
        _root = layout.Unified ?? throw new CgroupException("no cgroup2 hierarchy is mounted");
        Path = path;
        _leaf = new CgroupDir(_root.DirectoryOf(path));
    }

    public string Path { get; }

    public bool Exists => Directory.Exists(_leaf.Path);

    public IReadOnlyList<CgroupMountSource> MountSources => [new CgroupMountSource("", _leaf.Path)];

    /// <summary>Ancestors first, then their controllers enabled top down, then the leaf.</summary>
    public void Create()
    {
        var ancestors = new List<CgroupDir> { new(_root.MountPoint) };
        int lastSlash = Path.LastIndexOf('/');
        if (lastSlash > 0)
            ancestors.AddRange(CgroupFiles.MakeDirs(_root.MountPoint, Path[..lastSlash]).Select(d => new CgroupDir(d)));
        V2Controllers.Enable(ancestors, V2Controllers.Wanted(ancestors[0]));
        CgroupFiles.MakeDirs(_root.MountPoint, Path);
    }

    public IReadOnlyList<string> Apply(ResourcesSpec? resources) =>
        resources is null ? [] : V2Resources.Apply(_leaf, resources);

    public void AddProcess(int pid) => _leaf.Write("cgroup.procs", Num.Of(pid));

    public IReadOnlyList<int> Pids() => CgroupFiles.ReadPids(_leaf.FileOf("cgroup.procs"));

    public void Freeze() => Freeze(FreezeTimeout);

    /// <summary>
    /// cgroup.freeze 1, then wait for "frozen 1" in cgroup.events: the freeze is asynchronous
    /// (cgroup-v2.rst, "cgroup.freeze"). On timeout the cgroup is thawed again.
    /// </summary>
    void Freeze(TimeSpan timeout)
    {
        RequireFreezer();
        _leaf.Write("cgroup.freeze", "1");
        var clock = Stopwatch.StartNew();
        for (int round = 0; !IsFrozen(); round++)
        {
            if (clock.Elapsed > timeout)
            {
                _leaf.Write("cgroup.freeze", "0");
                throw new CgroupException(
                    $"freezing {_leaf.Path} timed out after {timeout.TotalSeconds:0.#} s; thawed it again");
            }
            Thread.Sleep(Math.Min(1 + round, 10));
        }
    }

    public void Thaw()
    {
        RequireFreezer();
        _leaf.Write("cgroup.freeze", "0");
    }

    /// <summary>
    /// cgroup.kill (Linux 5.14) SIGKILLs every process in the cgroup and its descendants, forks
    /// in flight included. Older kernels get the freeze, kill, thaw loop (SIGKILL reaches
    /// frozen tasks on v2, but thawing keeps the loop the same as on v1).
    /// </summary>
    public void KillAll()
    {
        if (!Directory.Exists(_leaf.Path)) return;
        if (_leaf.Has("cgroup.kill"))
            KillLoop.KillAndWait(Path, Pids, () => _leaf.Write("cgroup.kill", "1"));
        else if (_leaf.Has("cgroup.freeze"))
            KillLoop.FreezeKillThaw(Path, Pids, Freeze, Thaw);
        else
            KillLoop.FreezeKillThaw(Path, Pids, null, null);
    }

    public void Destroy() => CgroupFiles.RemoveDir(_leaf.Path, DestroyBusyFor);

    bool IsFrozen() =>
        _leaf.Read("cgroup.events").Split('\n').Any(line => line.Trim() == "frozen 1");

    void RequireFreezer()
    {
        if (!_leaf.Has("cgroup.freeze"))
            throw new CgroupException($"cannot freeze or thaw {_leaf.Path}: no cgroup.freeze (the kernel is older than 5.2)");
    }
}
