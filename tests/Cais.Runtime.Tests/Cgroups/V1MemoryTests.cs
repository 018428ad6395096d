using Cais.Runtime.Cgroups;
using Cais.Runtime.Spec;

namespace Cais.Runtime.Tests.Cgroups;

public class V1MemoryTests : IDisposable
{
    const string Unlimited = "9223372036854771712";
    const long M = 1024 * 1024;
    readonly FakeCgroupFs _fs = new();

    public void Dispose() => _fs.Dispose();

    RecordingDir Memory(string limit = Unlimited, string? memsw = Unlimited, bool kmemTcp = true)
    {
        _fs.SeedDir("memory", ("memory.limit_in_bytes", limit), ("memory.soft_limit_in_bytes", Unlimited),
            ("memory.swappiness", "60"), ("memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n"));
        if (memsw is not null) _fs.Seed("memory/memory.memsw.limit_in_bytes", memsw);
        if (kmemTcp) _fs.Seed("memory/memory.kmem.tcp.limit_in_bytes", Unlimited);
        return new RecordingDir(_fs.PathOf("memory")) { EnforceMemsw = true };
    }

    [Fact]
    public void Apply_PlainLimits_WritesEachFile()
    {
        RecordingDir dir = Memory();
        var warnings = new List<string>();

        V1Memory.Apply(dir, new MemoryResources
        {
            Limit = 64 * M, Reservation = 32 * M, Swappiness = 10, DisableOomKiller = true, KernelTcp = 8 * M,
        }, warnings);

        Assert.Equal("67108864", _fs.Read("memory/memory.limit_in_bytes"));
        Assert.Equal("33554432", _fs.Read("memory/memory.soft_limit_in_bytes"));
        Assert.Equal("10", _fs.Read("memory/memory.swappiness"));
        Assert.Equal("1", _fs.Read("memory/memory.oom_control"));
        Assert.Equal("8388608", _fs.Read("memory/memory.kmem.tcp.limit_in_bytes"));
        Assert.Equal(Unlimited, _fs.Read("memory/memory.memsw.limit_in_bytes"));
        Assert.Empty(warnings);
    }

    [Fact]
    public void Apply_RaisingLimitAndSwap_WritesMemswFirst()
    {
        RecordingDir dir = Memory(limit: Num.Of(100 * M), memsw: Num.Of(200 * M));

        V1Memory.Apply(dir, new MemoryResources { Limit = 300 * M, Swap = 600 * M }, []);

        Assert.Equal([$"memory.memsw.limit_in_bytes={600 * M}", $"memory.limit_in_bytes={300 * M}"], dir.Writes);
        Assert.Equal(Num.Of(300 * M), _fs.Read("memory/memory.limit_in_bytes"));
        Assert.Equal(Num.Of(600 * M), _fs.Read("memory/memory.memsw.limit_in_bytes"));
    }

    [Fact]
    public void Apply_LoweringLimitAndSwap_WritesLimitFirst()
    {
        RecordingDir dir = Memory(limit: Num.Of(300 * M), memsw: Num.Of(600 * M));

        V1Memory.Apply(dir, new MemoryResources { Limit = 100 * M, Swap = 200 * M }, []);

        Assert.Equal([$"memory.limit_in_bytes={100 * M}", $"memory.memsw.limit_in_bytes={200 * M}"], dir.Writes);
    }

    [Fact]
    public void Apply_NewCgroupWithLimitAndSwap_WritesLimitFirst()
    {
        // A fresh cgroup is unlimited in both; memsw can never go first there.
        RecordingDir dir = Memory();

        V1Memory.Apply(dir, new MemoryResources { Limit = 64 * M, Swap = 128 * M }, []);

        Assert.Equal([$"memory.limit_in_bytes={64 * M}", $"memory.memsw.limit_in_bytes={128 * M}"], dir.Writes);
    }

    [Fact]
    public void Apply_UnlimitedSwapFromLimitedCgroup_WritesMemswFirst()
    {
        RecordingDir dir = Memory(limit: Num.Of(100 * M), memsw: Num.Of(100 * M));

        V1Memory.Apply(dir, new MemoryResources { Limit = 200 * M, Swap = -1 }, []);

        Assert.Equal(["memory.memsw.limit_in_bytes=-1", $"memory.limit_in_bytes={200 * M}"], dir.Writes);
    }

    [Fact]
    public void Apply_UnlimitedMemoryWithoutSwap_MakesMemswUnlimitedFirst()
    {
        RecordingDir dir = Memory(limit: Num.Of(100 * M), memsw: Num.Of(100 * M));

        V1Memory.Apply(dir, new MemoryResources { Limit = -1 }, []);

        Assert.Equal(["memory.memsw.limit_in_bytes=-1", "memory.limit_in_bytes=-1"], dir.Writes);
    }

    [Fact]
    public void Apply_SwapBelowLimit_ThrowsBeforeWriting()
    {
        RecordingDir dir = Memory();

        var e = Assert.Throws<CgroupException>(() =>
            V1Memory.Apply(dir, new MemoryResources { Limit = 100 * M, Swap = 50 * M }, []));

        Assert.Contains("memory+swap", e.Message);
        Assert.Empty(dir.Writes);
    }

    [Fact]
    public void Apply_SwapWithoutSwapAccounting_WarnsAndWritesLimit()
    {
        RecordingDir dir = Memory(memsw: null);
        var warnings = new List<string>();

        V1Memory.Apply(dir, new MemoryResources { Limit = 100 * M, Swap = 200 * M }, warnings);

        Assert.Equal(["swap limit not supported by the kernel; ignored"], warnings);
        Assert.Equal([$"memory.limit_in_bytes={100 * M}"], dir.Writes);
        Assert.False(_fs.Exists("memory/memory.memsw.limit_in_bytes"));
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(100L * M)]
    public void Apply_NoSwapOrUnlimitedSwapWithoutSwapAccounting_IsSilent(long swap)
    {
        RecordingDir dir = Memory(memsw: null);
        var warnings = new List<string>();

        V1Memory.Apply(dir, new MemoryResources { Limit = 100 * M, Swap = swap }, warnings);

        Assert.Empty(warnings);
        Assert.Equal(Num.Of(100 * M), _fs.Read("memory/memory.limit_in_bytes"));
    }

    [Fact]
    public void Apply_KernelTcpWithoutFile_Warns()
    {
        RecordingDir dir = Memory(kmemTcp: false);
        var warnings = new List<string>();

        V1Memory.Apply(dir, new MemoryResources { KernelTcp = M }, warnings);

        Assert.Equal([V1Memory.KernelTcpUnsupported], warnings);
        Assert.Empty(dir.Writes);
    }

    [Fact]
    public void Apply_KernelMemory_OnlyWarns()
    {
        RecordingDir dir = Memory();
        var warnings = new List<string>();

        V1Memory.Apply(dir, new MemoryResources { Kernel = 10 * M }, warnings);

        Assert.Equal([V1Memory.KernelDeprecated], warnings);
        Assert.Empty(dir.Writes);
    }

    [Fact]
    public void Apply_KernelRefusesValue_ThrowsNamingFileAndValue()
    {
        _fs.SeedDir("memory", ("memory.swappiness", "60"));
        // A directory in place of the file makes open(2) fail with a real errno (EISDIR).
        Directory.CreateDirectory(_fs.PathOf("memory/memory.soft_limit_in_bytes"));

        var e = Assert.Throws<CgroupException>(() =>
            V1Memory.Apply(new CgroupDir(_fs.PathOf("memory")), new MemoryResources { Reservation = 5 }, []));

        Assert.Equal($"write 5 to {_fs.PathOf("memory/memory.soft_limit_in_bytes")}: Is a directory", e.Message);
        Assert.Equal(Cais.Linux.Errno.EISDIR, e.Errno);
    }

    [Fact]
    public void Apply_MissingFile_ThrowsNamingFile()
    {
        _fs.SeedDir("memory");

        var e = Assert.Throws<CgroupException>(() =>
            V1Memory.Apply(new CgroupDir(_fs.PathOf("memory")), new MemoryResources { Swappiness = 0 }, []));

        Assert.Equal($"write 0 to {_fs.PathOf("memory/memory.swappiness")}: No such file or directory", e.Message);
    }
}
