using System.Diagnostics;
using Cais.Runtime.Cgroups;
using Cais.Runtime.Spec;

namespace Cais.Runtime.Tests.Cgroups;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostCgroupCollection
{
    public const string Name = "host cgroups (root)";
}

/// <summary>
/// The drivers on this host's real hierarchies, as root. Every test works below /cais-test
/// (relative to each hierarchy's root, not to the test's own cgroup) and removes what it made.
/// </summary>
[Collection(HostCgroupCollection.Name)]
public sealed class HostCgroupTests : IDisposable
{
    const string Parent = "/cais-test";
    const long M = 1024 * 1024;
    readonly CgroupLayout _layout = CgroupLayout.Detect();
    readonly string _path = $"{Parent}/{Guid.NewGuid():N}";
    readonly List<Process> _processes = [];

    public void Dispose()
    {
        foreach (Process p in _processes)
        {
            try
            {
                if (!p.HasExited) p.Kill();
                p.WaitForExit();
            }
            catch (InvalidOperationException)
            {
            }
            p.Dispose();
        }
        ICgroup cg = Cgroup.Open(_layout, _path, "unused");
        try
        {
            cg.KillAll();
            cg.Destroy();
        }
        finally
        {
            foreach (CgroupHierarchy h in _layout.Hierarchies)
            {
                try
                {
                    if (Directory.Exists(h.DirectoryOf(Parent))) Directory.Delete(h.DirectoryOf(Parent));
                }
                catch (IOException)
                {
                    // Another test's cgroup is still there; its own Dispose removes the parent.
                }
            }
        }
    }

    Process Start(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardInput = true };
        foreach (string a in args) info.ArgumentList.Add(a);
        Process p = Process.Start(info)!;
        _processes.Add(p);
        return p;
    }

    string HostFile(string controller, string file) =>
        File.ReadAllText(_layout.Find(controller)!.DirectoryOf(_path) + "/" + file).Trim();

    static void WaitUntil(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException(what);
            Thread.Sleep(10);
        }
    }

    [HostCgroupV1Fact]
    public void Lifecycle_HostV1_AppliesJoinsKillsAndDestroysInEveryHierarchy()
    {
        ICgroup cg = Cgroup.Open(_layout, _path, "unused");

        cg.Create();
        Assert.True(cg.Exists);
        foreach (CgroupHierarchy h in _layout.Hierarchies)
            Assert.True(Directory.Exists(h.DirectoryOf(_path)), $"leaf missing in {h.MountPoint}");

        IReadOnlyList<string> warnings = cg.Apply(new ResourcesSpec
        {
            Memory = new MemoryResources { Limit = 64 * M },
            Pids = new PidsResources { Limit = 20 },
            Cpu = new CpuResources { Shares = 512 },
        });
        Assert.Empty(warnings);
        Assert.Equal("67108864", HostFile("memory", "memory.limit_in_bytes"));
        Assert.Equal("20", HostFile("pids", "pids.max"));
        Assert.Equal("512", HostFile("cpu", "cpu.shares"));
        // The new cpuset levels were filled in from their parents, or no process could join.
        string rootCpus = File.ReadAllText(_layout.Find("cpuset")!.MountPoint + "/cpuset.cpus").Trim();
        Assert.Equal(rootCpus, HostFile("cpuset", "cpuset.cpus"));
        Assert.Equal(rootCpus, File.ReadAllText(_layout.Find("cpuset")!.DirectoryOf(Parent) + "/cpuset.cpus").Trim());

        Process sleep = Start("sleep", "30");
        cg.AddProcess(sleep.Id);
        Assert.Contains(sleep.Id, cg.Pids());
        foreach (CgroupHierarchy h in _layout.Hierarchies)
            Assert.Contains(sleep.Id.ToString(), File.ReadAllLines(h.DirectoryOf(_path) + "/cgroup.procs"));
        Assert.Contains($"memory:{_path}", File.ReadAllText($"/proc/{sleep.Id}/cgroup"));

        cg.KillAll();
        Assert.True(sleep.WaitForExit(5000));
        Assert.Empty(cg.Pids());

        cg.Destroy();
        Assert.False(cg.Exists);
        foreach (CgroupHierarchy h in _layout.Hierarchies)
        {
            Assert.False(Directory.Exists(h.DirectoryOf(_path)), $"leaf left in {h.MountPoint}");
            Assert.True(Directory.Exists(h.DirectoryOf(Parent)), $"parent removed in {h.MountPoint}");
        }
    }

    [HostCgroupV1Fact]
    public void Lifecycle_HybridHost_AlsoMakesJoinsAndRemovesTheUnifiedLeaf()
    {
        CgroupHierarchy? unified = _layout.Unified;
        if (_layout.Mode != CgroupMode.Hybrid || unified is null) return;
        ICgroup cg = Cgroup.Open(_layout, _path, "unused");
        string leaf = unified.DirectoryOf(_path);

        cg.Create();
        Assert.True(Directory.Exists(leaf));
        Process sleep = Start("sleep", "30");
        cg.AddProcess(sleep.Id);
        Assert.Contains(sleep.Id.ToString(), File.ReadAllLines(leaf + "/cgroup.procs"));
        Assert.Contains($"0::{_path}", File.ReadAllText($"/proc/{sleep.Id}/cgroup"));
        Assert.DoesNotContain(cg.MountSources, s => s.HostDirectory == leaf);
        cg.KillAll();
        cg.Destroy();

        Assert.False(Directory.Exists(leaf));
    }

    [HostCgroupV1Fact]
    public void KillAll_HostV1ProcessesForkedInside_KillsThemAll()
    {
        ICgroup cg = Cgroup.Open(_layout, _path, "unused");
        cg.Create();
        // The shell forks its children only after it has been moved in.
        Process shell = Start("sh", "-c", "read go; sleep 30 & sleep 30 & wait");
        cg.AddProcess(shell.Id);
        shell.StandardInput.WriteLine("go");
        shell.StandardInput.Flush();
        WaitUntil(() => cg.Pids().Count == 3, "shell and two sleeps in the cgroup");

        cg.KillAll();

        Assert.Empty(cg.Pids());
        Assert.True(shell.WaitForExit(5000));
        cg.Destroy();
        Assert.False(cg.Exists);
    }

    [HostCgroupV1Fact]
    public void FreezeThaw_HostV1_FreezerStateFollows()
    {
        ICgroup cg = Cgroup.Open(_layout, _path, "unused");
        cg.Create();
        Process sleep = Start("sleep", "30");
        cg.AddProcess(sleep.Id);

        cg.Freeze();
        Assert.Equal("FROZEN", HostFile("freezer", "freezer.state"));
        cg.Thaw();
        Assert.Equal("THAWED", HostFile("freezer", "freezer.state"));

        cg.Freeze();
        cg.KillAll();
        Assert.True(sleep.WaitForExit(5000));
    }

    [HostCgroupV1Fact]
    public void Apply_HostV1MemorySwapRaisedThenLowered_KernelAcceptsBothOrders()
    {
        ICgroup cg = Cgroup.Open(_layout, _path, "unused");
        cg.Create();
        if (!File.Exists(_layout.Find("memory")!.DirectoryOf(_path) + "/memory.memsw.limit_in_bytes")) return;

        cg.Apply(new ResourcesSpec { Memory = new MemoryResources { Limit = 64 * M, Swap = 128 * M } });
        cg.Apply(new ResourcesSpec { Memory = new MemoryResources { Limit = 256 * M, Swap = 512 * M } });
        Assert.Equal(Num.Of(512 * M), HostFile("memory", "memory.memsw.limit_in_bytes"));
        cg.Apply(new ResourcesSpec { Memory = new MemoryResources { Limit = 32 * M, Swap = 48 * M } });
        Assert.Equal(Num.Of(32 * M), HostFile("memory", "memory.limit_in_bytes"));
        Assert.Equal(Num.Of(48 * M), HostFile("memory", "memory.memsw.limit_in_bytes"));
        cg.Apply(new ResourcesSpec { Memory = new MemoryResources { Limit = -1 } });
        Assert.Equal("9223372036854771712", HostFile("memory", "memory.limit_in_bytes"));
    }

    [HostCgroupV1Fact]
    public void Apply_HostV1KernelRefusesValue_ThrowsNamingFileAndValue()
    {
        ICgroup cg = Cgroup.Open(_layout, _path, "unused");
        cg.Create();

        var e = Assert.Throws<CgroupException>(() => cg.Apply(new ResourcesSpec { Cpu = new CpuResources { Cpus = "999" } }));

        Assert.StartsWith($"write 999 to {_layout.Find("cpuset")!.DirectoryOf(_path)}/cpuset.cpus: ", e.Message);
        Assert.NotEqual(0, e.Errno);
    }

    [HostCgroupV1Fact]
    public void Apply_HostV1DeviceRules_KernelListMatches()
    {
        ICgroup cg = Cgroup.Open(_layout, _path, "unused");
        cg.Create();

        cg.Apply(new ResourcesSpec
        {
            Devices =
            [
                new DeviceCgroupRule { Allow = false, Access = "rwm" },
                new DeviceCgroupRule { Allow = true, Type = "c", Major = 1, Minor = 3, Access = "rwm" },
                new DeviceCgroupRule { Allow = true, Type = "c", Major = 136, Access = "rw" },
            ],
        });

        Assert.Equal("c 1:3 rwm\nc 136:* rw", HostFile("devices", "devices.list"));
    }

    [HostCgroupV1Fact]
    public void Apply_HostV1BlkioWeight_WrittenOrWarned()
    {
        ICgroup cg = Cgroup.Open(_layout, _path, "unused");
        cg.Create();
        string dir = _layout.Find("blkio")!.DirectoryOf(_path);

        IReadOnlyList<string> warnings = cg.Apply(new ResourcesSpec { BlockIO = new BlockIoResources { Weight = 300 } });

        // This host has no blkio.weight (CFQ is gone) but BFQ's blkio.bfq.weight.
        if (File.Exists(dir + "/blkio.weight")) Assert.Equal("300", HostFile("blkio", "blkio.weight"));
        else if (File.Exists(dir + "/blkio.bfq.weight")) Assert.Equal("300", HostFile("blkio", "blkio.bfq.weight"));
        else Assert.Equal([V1Blkio.WeightUnsupported], warnings);
    }

    [HostCgroupV1Fact]
    public void Destroy_HostV1ProcessStillInside_RetriesThenThrowsBusy()
    {
        ICgroup cg = Cgroup.Open(_layout, _path, "unused");
        cg.Create();
        Process sleep = Start("sleep", "30");
        cg.AddProcess(sleep.Id);
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<CgroupException>(cg.Destroy);

        Assert.Contains("Device or resource busy", e.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
        Assert.True(cg.Exists);
    }

    [HostUnifiedFact]
    public void Lifecycle_HostUnifiedWithV2Driver_JoinsFreezesKillsAndDestroys()
    {
        // What cgroup v2 support can be checked with here: the empty cgroup2 hierarchy of this
        // hybrid host, driven by the v2 driver (no controllers, so no limits).
        var unified = new CgroupHierarchy([], HostUnifiedFactAttribute.Mount, IsUnified: true);
        ICgroup cg = Cgroup.Open(CgroupLayout.ForTest(CgroupMode.V2, [unified]), _path, "unused");
        string leaf = unified.DirectoryOf(_path);

        cg.Create();
        Assert.True(Directory.Exists(leaf));
        Assert.Equal([new CgroupMountSource("", leaf)], cg.MountSources);
        Process sleep = Start("sleep", "30");
        cg.AddProcess(sleep.Id);
        Assert.Equal([sleep.Id], cg.Pids());

        cg.Freeze();
        Assert.Contains("frozen 1", File.ReadAllText(leaf + "/cgroup.events"));
        cg.Thaw();
        WaitUntil(() => File.ReadAllText(leaf + "/cgroup.events").Contains("frozen 0"), "thawed");

        cg.KillAll();
        Assert.True(sleep.WaitForExit(5000));
        Assert.Empty(cg.Pids());
        cg.Destroy();
        Assert.False(Directory.Exists(leaf));
        Assert.True(Directory.Exists(unified.DirectoryOf(Parent)));
    }
}
