using Cais.Runtime.Cgroups;
using Cais.Runtime.Spec;

namespace Cais.Runtime.Tests.Cgroups;

/// <summary>The drivers against temp directories laid out like the kernel's hierarchies.</summary>
public class CgroupDriverTests : IDisposable
{
    readonly FakeCgroupFs _fs = new();

    public void Dispose() => _fs.Dispose();

    CgroupHierarchy V1(string mount, params string[] controllers) => new(controllers, _fs.PathOf(mount), false);

    CgroupLayout HybridLayout() => CgroupLayout.ForTest(CgroupMode.Hybrid,
    [
        V1("cpu,cpuacct", "cpu", "cpuacct"), V1("cpuset", "cpuset"), V1("memory", "memory"),
        V1("pids", "pids"), V1("freezer", "freezer"), V1("systemd", "name=systemd"),
        new CgroupHierarchy([], _fs.PathOf("unified"), true),
    ]);

    CgroupLayout V2Layout() =>
        CgroupLayout.ForTest(CgroupMode.V2, [new CgroupHierarchy([], _fs.PathOf("root"), true)]);

    void SeedCpuset()
    {
        // Real cgroupfs gives new directories empty cpuset files; seed what mkdir would make.
        _fs.SeedDir("cpuset", ("cpuset.cpus", "0-1\n"), ("cpuset.mems", "0\n"));
        _fs.SeedDir("cpuset/cais", ("cpuset.cpus", "\n"), ("cpuset.mems", "\n"));
        _fs.SeedDir("cpuset/cais/c1", ("cpuset.cpus", "\n"), ("cpuset.mems", "\n"));
    }

    [Fact]
    public void Create_Hybrid_MakesLeafInEveryHierarchyIncludingUnified()
    {
        SeedCpuset();
        ICgroup cg = Cgroup.Open(HybridLayout(), null, "c1");

        cg.Create();
        cg.Create();

        foreach (string h in (string[])["cpu,cpuacct", "cpuset", "memory", "pids", "freezer", "systemd", "unified"])
            Assert.True(Directory.Exists(_fs.PathOf(h + "/cais/c1")), h);
        Assert.True(cg.Exists);
    }

    [Fact]
    public void Create_Cpuset_EveryLevelInheritsCpusAndMems()
    {
        SeedCpuset();

        Cgroup.Open(HybridLayout(), null, "c1").Create();

        Assert.Equal("0-1", _fs.Read("cpuset/cais/cpuset.cpus"));
        Assert.Equal("0", _fs.Read("cpuset/cais/cpuset.mems"));
        Assert.Equal("0-1", _fs.Read("cpuset/cais/c1/cpuset.cpus"));
        Assert.Equal("0", _fs.Read("cpuset/cais/c1/cpuset.mems"));
    }

    [Fact]
    public void Create_V1Only_DoesNotTouchUnified()
    {
        SeedCpuset();
        CgroupLayout layout = CgroupLayout.ForTest(CgroupMode.V1,
            [.. HybridLayout().Hierarchies]);

        Cgroup.Open(layout, null, "c1").Create();

        Assert.False(_fs.Exists("unified/cais/c1"));
    }

    [Fact]
    public void MountSources_Hybrid_OneEntryPerV1Hierarchy()
    {
        ICgroup cg = Cgroup.Open(HybridLayout(), "/x/y", "c1");

        Assert.Equal(
        [
            new CgroupMountSource("cpu,cpuacct", _fs.PathOf("cpu,cpuacct/x/y")),
            new CgroupMountSource("cpuset", _fs.PathOf("cpuset/x/y")),
            new CgroupMountSource("memory", _fs.PathOf("memory/x/y")),
            new CgroupMountSource("pids", _fs.PathOf("pids/x/y")),
            new CgroupMountSource("freezer", _fs.PathOf("freezer/x/y")),
            new CgroupMountSource("systemd", _fs.PathOf("systemd/x/y")),
        ], cg.MountSources);
    }

    [Fact]
    public void Apply_UnifiedOnV1_ThrowsAndWritesNothing()
    {
        _fs.SeedDir("pids/cais/c1", ("pids.max", "max"));
        ICgroup cg = Cgroup.Open(HybridLayout(), null, "c1");

        var e = Assert.Throws<CgroupException>(() => cg.Apply(new ResourcesSpec
        {
            Pids = new PidsResources { Limit = 5 },
            Unified = new() { ["pids.max"] = "5" },
        }));

        Assert.Equal("linux.resources.unified needs cgroup v2", e.Message);
        Assert.Equal("max", _fs.Read("pids/cais/c1/pids.max"));
    }

    [Fact]
    public void Apply_V1_WritesEachControllerInItsHierarchy()
    {
        _fs.SeedDir("pids/cais/c1", ("pids.max", "max"));
        _fs.SeedDir("cpu,cpuacct/cais/c1", ("cpu.shares", "1024"));
        _fs.SeedDir("memory/cais/c1", ("memory.limit_in_bytes", "9223372036854771712"));
        ICgroup cg = Cgroup.Open(HybridLayout(), null, "c1");

        IReadOnlyList<string> warnings = cg.Apply(new ResourcesSpec
        {
            Memory = new MemoryResources { Limit = 1 << 26 },
            Cpu = new CpuResources { Shares = 256 },
            Pids = new PidsResources { Limit = 9 },
            BlockIO = new BlockIoResources { Weight = 100 },
        });

        Assert.Equal("67108864", _fs.Read("memory/cais/c1/memory.limit_in_bytes"));
        Assert.Equal("256", _fs.Read("cpu,cpuacct/cais/c1/cpu.shares"));
        Assert.Equal("9", _fs.Read("pids/cais/c1/pids.max"));
        // The layout has no blkio hierarchy.
        Assert.Equal(["the blkio cgroup controller is not mounted; its limits are ignored"], warnings);
    }

    [Fact]
    public void Apply_Null_WritesNothing()
    {
        Assert.Empty(Cgroup.Open(HybridLayout(), null, "c1").Apply(null));
    }

    [Fact]
    public void Pids_V1_ReadsPidsHierarchy()
    {
        _fs.Seed("pids/cais/c1/cgroup.procs", "12\n345\n");
        _fs.Seed("memory/cais/c1/cgroup.procs", "999\n");

        Assert.Equal([12, 345], Cgroup.Open(HybridLayout(), null, "c1").Pids());
    }

    [Fact]
    public void Pids_NoPidsHierarchy_ReadsMemory()
    {
        _fs.Seed("memory/cais/c1/cgroup.procs", "999\n");
        var layout = CgroupLayout.ForTest(CgroupMode.V1, [V1("cpu", "cpu"), V1("memory", "memory")]);

        Assert.Equal([999], Cgroup.Open(layout, null, "c1").Pids());
    }

    [Fact]
    public void Pids_CgroupGone_IsEmpty()
    {
        Assert.Empty(Cgroup.Open(HybridLayout(), null, "c1").Pids());
    }

    [Fact]
    public void FreezeThaw_V1_WritesFreezerState()
    {
        _fs.Seed("freezer/cais/c1/freezer.state", "THAWED");
        ICgroup cg = Cgroup.Open(HybridLayout(), null, "c1");

        cg.Freeze();
        Assert.Equal("FROZEN", _fs.Read("freezer/cais/c1/freezer.state"));
        cg.Thaw();
        Assert.Equal("THAWED", _fs.Read("freezer/cais/c1/freezer.state"));
    }

    [Fact]
    public void Freeze_NoFreezerHierarchy_Throws()
    {
        var layout = CgroupLayout.ForTest(CgroupMode.V1, [V1("memory", "memory")]);

        var e = Assert.Throws<CgroupException>(() => Cgroup.Open(layout, null, "c1").Freeze());

        Assert.Contains("freezer", e.Message);
    }

    [Fact]
    public void KillAll_EmptyCgroup_ReturnsAtOnce()
    {
        _fs.Seed("pids/cais/c1/cgroup.procs", "");
        _fs.Seed("freezer/cais/c1/freezer.state", "THAWED");

        Cgroup.Open(HybridLayout(), null, "c1").KillAll();

        Assert.Equal("THAWED", _fs.Read("freezer/cais/c1/freezer.state"));
    }

    [Fact]
    public void Destroy_Hybrid_RemovesLeavesButNotParents()
    {
        ICgroup cg = Cgroup.Open(HybridLayout(), null, "c1");
        foreach (string h in (string[])["cpu,cpuacct", "memory", "systemd", "unified"])
            Directory.CreateDirectory(_fs.PathOf(h + "/cais/c1"));

        cg.Destroy();
        cg.Destroy();

        foreach (string h in (string[])["cpu,cpuacct", "memory", "systemd", "unified"])
        {
            Assert.False(_fs.Exists(h + "/cais/c1"), h);
            Assert.True(_fs.Exists(h + "/cais"), h);
        }
        Assert.False(cg.Exists);
    }

    [Fact]
    public void Destroy_NotEmpty_ThrowsNamingDirectoryAfterTryingAll()
    {
        ICgroup cg = Cgroup.Open(HybridLayout(), null, "c1");
        _fs.Seed("cpu,cpuacct/cais/c1/stray", "");
        Directory.CreateDirectory(_fs.PathOf("memory/cais/c1"));

        var e = Assert.Throws<CgroupException>(cg.Destroy);

        Assert.Contains("rmdir " + _fs.PathOf("cpu,cpuacct/cais/c1"), e.Message);
        Assert.False(_fs.Exists("memory/cais/c1"));
    }

    [Fact]
    public void Create_V2_EnablesControllersInEveryAncestor()
    {
        _fs.SeedDir("root", ("cgroup.controllers", "cpuset cpu io memory hugetlb pids rdma misc\n"),
            ("cgroup.subtree_control", "cpu memory\n"));
        _fs.SeedDir("root/a", ("cgroup.subtree_control", "\n"));
        _fs.SeedDir("root/a/b", ("cgroup.subtree_control", "cpuset cpu io memory pids\n"));
        var cg = Cgroup.Open(V2Layout(), "/a/b/c", "c1");

        cg.Create();

        Assert.Equal("+cpuset +io +pids", _fs.Read("root/cgroup.subtree_control"));
        Assert.Equal("+cpuset +cpu +io +memory +pids", _fs.Read("root/a/cgroup.subtree_control"));
        Assert.Equal("cpuset cpu io memory pids\n", _fs.Read("root/a/b/cgroup.subtree_control"));
        Assert.True(_fs.Exists("root/a/b/c"));
        Assert.False(_fs.Exists("root/a/b/c/cgroup.subtree_control"));
    }

    [Fact]
    public void Create_V2NoControllersAvailable_WritesNothing()
    {
        // Like this machine's /sys/fs/cgroup/unified: only hugetlb, which cais does not use.
        _fs.SeedDir("root", ("cgroup.controllers", "hugetlb\n"), ("cgroup.subtree_control", ""));

        Cgroup.Open(V2Layout(), null, "c1").Create();

        Assert.Equal("", _fs.Read("root/cgroup.subtree_control"));
        Assert.True(_fs.Exists("root/cais/c1"));
    }

    [Fact]
    public void MountSources_V2_OneUnnamedEntry()
    {
        Assert.Equal([new CgroupMountSource("", _fs.PathOf("root/cais/c1"))],
            Cgroup.Open(V2Layout(), null, "c1").MountSources);
    }

    [Fact]
    public void FreezeThaw_V2_WritesCgroupFreezeAndWaitsForEvents()
    {
        _fs.SeedDir("root/cais/c1", ("cgroup.freeze", "0"), ("cgroup.events", "populated 1\nfrozen 1\n"));
        ICgroup cg = Cgroup.Open(V2Layout(), null, "c1");

        cg.Freeze();
        Assert.Equal("1", _fs.Read("root/cais/c1/cgroup.freeze"));
        cg.Thaw();
        Assert.Equal("0", _fs.Read("root/cais/c1/cgroup.freeze"));
    }

    [Fact]
    public void Apply_V2_WritesInLeaf()
    {
        _fs.SeedDir("root/cais/c1", ("pids.max", "max"));

        IReadOnlyList<string> warnings = Cgroup.Open(V2Layout(), null, "c1")
            .Apply(new ResourcesSpec { Pids = new PidsResources { Limit = 7 } });

        Assert.Empty(warnings);
        Assert.Equal("7", _fs.Read("root/cais/c1/pids.max"));
    }

    [Fact]
    public void Destroy_V2Missing_IsFine()
    {
        ICgroup cg = Cgroup.Open(V2Layout(), null, "c1");

        cg.Destroy();

        Assert.False(cg.Exists);
    }
}
