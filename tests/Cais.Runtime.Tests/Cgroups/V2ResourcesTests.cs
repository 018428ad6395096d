using Cais.Runtime.Cgroups;
using Cais.Runtime.Spec;

namespace Cais.Runtime.Tests.Cgroups;

public class V2ResourcesTests : IDisposable
{
    const long M = 1024 * 1024;
    readonly FakeCgroupFs _fs = new();

    public void Dispose() => _fs.Dispose();

    CgroupDir Leaf(bool swap = true, bool ioWeight = true)
    {
        _fs.SeedDir("leaf",
            ("memory.max", "max"), ("memory.low", "0"), ("cpu.weight", "100"), ("cpu.max", "max 100000"),
            ("cpuset.cpus", ""), ("cpuset.mems", ""), ("pids.max", "max"), ("memory.high", "max"));
        if (swap) _fs.Seed("leaf/memory.swap.max", "max");
        if (ioWeight) _fs.Seed("leaf/io.weight", "default 100");
        return new CgroupDir(_fs.PathOf("leaf"));
    }

    [Theory]
    [InlineData(1024UL, 39UL)]
    [InlineData(2UL, 1UL)]
    [InlineData(262144UL, 10000UL)]
    [InlineData(1UL, 1UL)]
    [InlineData(512UL, 20UL)]
    [InlineData(1_000_000UL, 10000UL)]
    public void CpuWeight_Shares_ConvertsLikeRunc(ulong shares, ulong weight)
    {
        Assert.Equal(weight, V2Resources.CpuWeight(shares));
    }

    [Theory]
    [InlineData((ushort)10, 1UL)]
    [InlineData((ushort)1000, 10000UL)]
    [InlineData((ushort)500, 4950UL)]
    public void IoWeight_BlkioWeight_ConvertsLikeRunc(ushort weight, ulong expected)
    {
        Assert.Equal(expected, V2Resources.IoWeight(weight));
    }

    [Theory]
    [InlineData(50000L, 100000UL, "50000 100000")]
    [InlineData(null, 20000UL, "max 20000")]
    [InlineData(-1L, 20000UL, "max 20000")]
    [InlineData(50000L, null, "50000 100000")]
    [InlineData(null, null, null)]
    [InlineData(0L, 0UL, null)]
    public void CpuMax_QuotaAndPeriod_Formats(long? quota, ulong? period, string? expected)
    {
        Assert.Equal(expected, V2Resources.CpuMax(quota, period));
    }

    [Theory]
    [InlineData(100L * M, 300L * M, "209715200")]
    [InlineData(100L * M, 100L * M, "0")]
    [InlineData(100L * M, -1L, "max")]
    [InlineData(-1L, null, "max")]
    [InlineData(100L * M, null, null)]
    [InlineData(null, null, null)]
    public void SwapMax_MemoryPlusSwap_IsSwapAlone(long? limit, long? swap, string? expected)
    {
        Assert.Equal(expected, V2Resources.SwapMax(limit, swap));
    }

    [Theory]
    [InlineData(100L * M, 50L * M)]
    [InlineData(null, 100L * M)]
    [InlineData(-1L, 100L * M)]
    public void SwapMax_Inconsistent_Throws(long? limit, long? swap)
    {
        Assert.Throws<CgroupException>(() => V2Resources.SwapMax(limit, swap));
    }

    [Fact]
    public void Apply_EveryTypedField_WritesV2Files()
    {
        CgroupDir leaf = Leaf();

        List<string> warnings = V2Resources.Apply(leaf, new ResourcesSpec
        {
            Memory = new MemoryResources { Limit = 64 * M, Reservation = 32 * M, Swap = 128 * M },
            Cpu = new CpuResources { Shares = 1024, Quota = 50000, Period = 100000, Cpus = "0-1", Mems = "0" },
            Pids = new PidsResources { Limit = 20 },
            BlockIO = new BlockIoResources { Weight = 1000 },
        });

        Assert.Empty(warnings);
        Assert.Equal("67108864", _fs.Read("leaf/memory.max"));
        Assert.Equal("33554432", _fs.Read("leaf/memory.low"));
        Assert.Equal("67108864", _fs.Read("leaf/memory.swap.max"));
        Assert.Equal("39", _fs.Read("leaf/cpu.weight"));
        Assert.Equal("50000 100000", _fs.Read("leaf/cpu.max"));
        Assert.Equal("0-1", _fs.Read("leaf/cpuset.cpus"));
        Assert.Equal("0", _fs.Read("leaf/cpuset.mems"));
        Assert.Equal("20", _fs.Read("leaf/pids.max"));
        Assert.Equal("10000", _fs.Read("leaf/io.weight"));
    }

    [Fact]
    public void Apply_UnlimitedMemory_WritesMax()
    {
        _fs.Seed("leaf/pids.max", "10");
        CgroupDir leaf = Leaf();

        V2Resources.Apply(leaf, new ResourcesSpec
        {
            Memory = new MemoryResources { Limit = -1 }, Pids = new PidsResources { Limit = 0 },
        });

        Assert.Equal("max", _fs.Read("leaf/memory.max"));
        Assert.Equal("max", _fs.Read("leaf/memory.swap.max"));
        Assert.Equal("max", _fs.Read("leaf/pids.max"));
    }

    [Fact]
    public void Apply_SwapWithoutSwapAccounting_Warns()
    {
        CgroupDir leaf = Leaf(swap: false);

        List<string> warnings = V2Resources.Apply(leaf, new ResourcesSpec
        {
            Memory = new MemoryResources { Limit = 64 * M, Swap = 128 * M },
        });

        Assert.Equal(["swap limit not supported by the kernel; ignored"], warnings);
        Assert.Equal("67108864", _fs.Read("leaf/memory.max"));
    }

    [Fact]
    public void Apply_DeviceRules_WarnsAndWritesNothing()
    {
        CgroupDir leaf = Leaf();

        List<string> warnings = V2Resources.Apply(leaf, new ResourcesSpec
        {
            Devices = [new DeviceCgroupRule { Allow = false, Access = "rwm" }],
        });

        Assert.Equal(["device cgroup rules need eBPF on cgroup v2; not applied"], warnings);
    }

    [Fact]
    public void Apply_V1OnlyMemoryFields_Warn()
    {
        CgroupDir leaf = Leaf();

        List<string> warnings = V2Resources.Apply(leaf, new ResourcesSpec
        {
            Memory = new MemoryResources { Swappiness = 0, DisableOomKiller = true, Kernel = M, KernelTcp = M },
            Cpu = new CpuResources { RealtimeRuntime = 1000 },
        });

        Assert.Equal(5, warnings.Count);
    }

    [Fact]
    public void Apply_Unified_WritesKeysAfterTypedFields()
    {
        CgroupDir leaf = Leaf();

        V2Resources.Apply(leaf, new ResourcesSpec
        {
            Pids = new PidsResources { Limit = 20 },
            Unified = new() { ["memory.high"] = "50000000", ["pids.max"] = "30" },
        });

        Assert.Equal("50000000", _fs.Read("leaf/memory.high"));
        Assert.Equal("30", _fs.Read("leaf/pids.max"));
    }

    [Fact]
    public void Apply_UnifiedKeyMissing_ThrowsNamingKey()
    {
        CgroupDir leaf = Leaf();

        var e = Assert.Throws<CgroupException>(() => V2Resources.Apply(leaf, new ResourcesSpec
        {
            Unified = new() { ["hugetlb.2MB.max"] = "0" },
        }));

        Assert.Contains("hugetlb.2MB.max", e.Message);
    }

    [Theory]
    [InlineData("../memory.max")]
    [InlineData("sub/pids.max")]
    [InlineData("..")]
    [InlineData("")]
    public void Apply_UnifiedKeyOutsideLeaf_Throws(string key)
    {
        CgroupDir leaf = Leaf();

        var e = Assert.Throws<CgroupException>(() => V2Resources.Apply(leaf, new ResourcesSpec
        {
            Unified = new() { [key] = "1" },
        }));

        Assert.Contains("invalid key", e.Message);
    }
}
