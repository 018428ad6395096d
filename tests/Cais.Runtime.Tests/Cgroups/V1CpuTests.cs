using Cais.Runtime.Cgroups;
using Cais.Runtime.Spec;

namespace Cais.Runtime.Tests.Cgroups;

public class V1CpuTests : IDisposable
{
    readonly FakeCgroupFs _fs = new();

    public void Dispose() => _fs.Dispose();

    RecordingDir Cpu(bool realtime = true, IEnumerable<string>? failOnce = null)
    {
        _fs.SeedDir("cpu", ("cpu.shares", "1024"), ("cpu.cfs_period_us", "100000"), ("cpu.cfs_quota_us", "-1"));
        if (realtime) _fs.SeedDir("cpu", ("cpu.rt_period_us", "1000000"), ("cpu.rt_runtime_us", "0"));
        return new RecordingDir(_fs.PathOf("cpu")) { FailOnceWithEinval = [.. failOnce ?? []] };
    }

    [Fact]
    public void Apply_SharesPeriodQuota_WritesPeriodBeforeQuota()
    {
        RecordingDir dir = Cpu();
        var warnings = new List<string>();

        V1Cpu.Apply(dir, new CpuResources { Shares = 512, Period = 50000, Quota = 25000 }, warnings);

        Assert.Equal(["cpu.shares=512", "cpu.cfs_period_us=50000", "cpu.cfs_quota_us=25000"], dir.Writes);
        Assert.Equal("512", _fs.Read("cpu/cpu.shares"));
        Assert.Equal("50000", _fs.Read("cpu/cpu.cfs_period_us"));
        Assert.Equal("25000", _fs.Read("cpu/cpu.cfs_quota_us"));
        Assert.Empty(warnings);
    }

    [Fact]
    public void Apply_PeriodRefusedWithOldQuota_WritesPeriodAgainAfterQuota()
    {
        RecordingDir dir = Cpu(failOnce: ["cpu.cfs_period_us"]);

        V1Cpu.Apply(dir, new CpuResources { Period = 10000, Quota = 5000 }, []);

        Assert.Equal(
            ["cpu.cfs_period_us=10000 EINVAL", "cpu.cfs_quota_us=5000", "cpu.cfs_period_us=10000"], dir.Writes);
        Assert.Equal("10000", _fs.Read("cpu/cpu.cfs_period_us"));
    }

    [Fact]
    public void Apply_PeriodRefusedWithoutQuota_Throws()
    {
        RecordingDir dir = Cpu(failOnce: ["cpu.cfs_period_us"]);

        Assert.Throws<CgroupException>(() => V1Cpu.Apply(dir, new CpuResources { Period = 10000 }, []));
    }

    [Fact]
    public void Apply_NegativeQuota_WritesUnlimited()
    {
        _fs.Seed("cpu/cpu.cfs_quota_us", "20000");
        RecordingDir dir = Cpu();

        V1Cpu.Apply(dir, new CpuResources { Quota = -5 }, []);

        Assert.Equal("-1", _fs.Read("cpu/cpu.cfs_quota_us"));
    }

    [Fact]
    public void Apply_ZeroValues_WriteNothing()
    {
        RecordingDir dir = Cpu();

        V1Cpu.Apply(dir, new CpuResources { Shares = 0, Quota = 0, Period = 0, RealtimeRuntime = 0 }, []);

        Assert.Empty(dir.Writes);
    }

    [Fact]
    public void Apply_Realtime_WritesPeriodThenRuntime()
    {
        RecordingDir dir = Cpu();

        V1Cpu.Apply(dir, new CpuResources { RealtimePeriod = 500000, RealtimeRuntime = 10000 }, []);

        Assert.Equal(["cpu.rt_period_us=500000", "cpu.rt_runtime_us=10000"], dir.Writes);
    }

    [Fact]
    public void Apply_RealtimeWithoutRtGroupSched_Warns()
    {
        RecordingDir dir = Cpu(realtime: false);
        var warnings = new List<string>();

        V1Cpu.Apply(dir, new CpuResources { RealtimeRuntime = 10000 }, warnings);

        Assert.Equal([V1Cpu.RealtimeUnsupported], warnings);
        Assert.Empty(dir.Writes);
    }

    [Fact]
    public void Apply_SharesClampedByKernel_Warns()
    {
        var dir = new ClampingDir(Cpu().Path);
        var warnings = new List<string>();

        V1Cpu.Apply(dir, new CpuResources { Shares = 1 }, warnings);

        Assert.Equal(["cpu shares 1 out of range; the kernel set 2"], warnings);
    }

    /// <summary>Clamps cpu.shares to 2..262144 the way the kernel does (sched_group_set_shares).</summary>
    sealed class ClampingDir(string path) : CgroupDir(path)
    {
        public override void Write(string name, string value) =>
            base.Write(name, name == "cpu.shares" ? Num.Of(Math.Clamp(ulong.Parse(value), 2UL, 262144UL)) : value);
    }
}

public class V1CpusetPidsBlkioTests : IDisposable
{
    readonly FakeCgroupFs _fs = new();

    public void Dispose() => _fs.Dispose();

    [Fact]
    public void Apply_CpusAndMems_WritesBoth()
    {
        _fs.SeedDir("cpuset", ("cpuset.cpus", "0-1"), ("cpuset.mems", "0"));

        V1Cpuset.Apply(new CgroupDir(_fs.PathOf("cpuset")), new CpuResources { Cpus = "1", Mems = "0" });

        Assert.Equal("1", _fs.Read("cpuset/cpuset.cpus"));
        Assert.Equal("0", _fs.Read("cpuset/cpuset.mems"));
    }

    [Fact]
    public void InheritFromParent_EmptyChild_CopiesCpusAndMems()
    {
        _fs.SeedDir("cpuset", ("cpuset.cpus", "0-3\n"), ("cpuset.mems", "0\n"));
        _fs.SeedDir("cpuset/cais", ("cpuset.cpus", "\n"), ("cpuset.mems", "\n"));

        V1Cpuset.InheritFromParent(new CgroupDir(_fs.PathOf("cpuset")), new CgroupDir(_fs.PathOf("cpuset/cais")));

        Assert.Equal("0-3", _fs.Read("cpuset/cais/cpuset.cpus"));
        Assert.Equal("0", _fs.Read("cpuset/cais/cpuset.mems"));
    }

    [Fact]
    public void InheritFromParent_ChildAlreadySet_LeavesIt()
    {
        _fs.SeedDir("cpuset", ("cpuset.cpus", "0-3\n"), ("cpuset.mems", "0\n"));
        _fs.SeedDir("cpuset/cais", ("cpuset.cpus", "2\n"), ("cpuset.mems", "0\n"));
        var child = new RecordingDir(_fs.PathOf("cpuset/cais"));

        V1Cpuset.InheritFromParent(new CgroupDir(_fs.PathOf("cpuset")), child);

        Assert.Empty(child.Writes);
        Assert.Equal("2\n", _fs.Read("cpuset/cais/cpuset.cpus"));
    }

    [Theory]
    [InlineData(20L, "20")]
    [InlineData(0L, "max")]
    [InlineData(-1L, "max")]
    public void Apply_PidsLimit_WritesPidsMax(long limit, string expected)
    {
        _fs.SeedDir("pids", ("pids.max", "max"));

        V1Pids.Apply(new CgroupDir(_fs.PathOf("pids")), new PidsResources { Limit = limit });

        Assert.Equal(expected, _fs.Read("pids/pids.max"));
    }

    [Fact]
    public void Apply_BlkioWeight_WritesBlkioWeight()
    {
        _fs.SeedDir("blkio", ("blkio.weight", "500"), ("blkio.bfq.weight", "100"));
        var warnings = new List<string>();

        V1Blkio.Apply(new CgroupDir(_fs.PathOf("blkio")), new BlockIoResources { Weight = 300 }, warnings);

        Assert.Equal("300", _fs.Read("blkio/blkio.weight"));
        Assert.Equal("100", _fs.Read("blkio/blkio.bfq.weight"));
        Assert.Empty(warnings);
    }

    [Fact]
    public void Apply_BlkioWeightOnlyBfq_WritesBfqWeight()
    {
        _fs.SeedDir("blkio", ("blkio.bfq.weight", "100"));

        V1Blkio.Apply(new CgroupDir(_fs.PathOf("blkio")), new BlockIoResources { Weight = 300 }, []);

        Assert.Equal("300", _fs.Read("blkio/blkio.bfq.weight"));
    }

    [Fact]
    public void Apply_BlkioWeightUnsupported_Warns()
    {
        _fs.SeedDir("blkio", ("blkio.throttle.read_bps_device", ""));
        var warnings = new List<string>();

        V1Blkio.Apply(new CgroupDir(_fs.PathOf("blkio")), new BlockIoResources { Weight = 300 }, warnings);

        Assert.Equal([V1Blkio.WeightUnsupported], warnings);
    }
}
