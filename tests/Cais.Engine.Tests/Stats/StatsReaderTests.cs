using Cais.Api.Models.Stats;
using Cais.Engine.Stats;

namespace Cais.Engine.Tests.Stats;

/// <summary>The stats readers over fixture directories holding cgroup and procfs files as the kernel writes them.</summary>
public sealed class StatsReaderTests
{
    static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Stats", "Fixtures", .. parts]);

    const ulong MachineMemory = 24683520UL * 1024;

    [Fact]
    public void V2_FixtureDirectory_DockerShape()
    {
        var s = new StatsResponse();
        V2Stats.Read(Fixture("v2"), MachineMemory, s);

        Assert.Equal(1043201000UL, s.CpuStats.CpuUsage.TotalUsage);
        Assert.Equal(713880000UL, s.CpuStats.CpuUsage.UsageInUsermode);
        Assert.Equal(329320000UL, s.CpuStats.CpuUsage.UsageInKernelmode);
        Assert.Null(s.CpuStats.CpuUsage.PercpuUsage); // v2 has no per-CPU figures
        Assert.Equal(215UL, s.CpuStats.ThrottlingData.Periods);
        Assert.Equal(12UL, s.CpuStats.ThrottlingData.ThrottledPeriods);
        Assert.Equal(84517000UL, s.CpuStats.ThrottlingData.ThrottledTime);

        Assert.Equal(45056000UL, s.MemoryStats.Usage);
        Assert.Equal(67108864UL, s.MemoryStats.Limit);
        Assert.Equal(0UL, s.MemoryStats.MaxUsage);
        Assert.Equal(2UL, s.MemoryStats.Failcnt); // memory.events "oom"
        Assert.Equal(7606272UL, s.MemoryStats.Stats!["inactive_file"]); // what docker stats subtracts
        Assert.Equal(20971520UL, s.MemoryStats.Stats["shmem"]);
        Assert.Equal(10485UL, s.MemoryStats.Stats["pgfault"]);
        Assert.False(s.MemoryStats.Stats.ContainsKey("total_inactive_file")); // a v1 name: the CLI tells the versions apart by it

        Assert.Equal(7UL, s.PidsStats.Current);
        Assert.Equal(0UL, s.PidsStats.Limit); // "max"

        var io = s.BlkioStats.IoServiceBytesRecursive!;
        Assert.Equal(4, io.Count);
        Assert.Contains(io, e => e is { Major: 8, Minor: 16, Op: "read", Value: 1343488 });
        Assert.Contains(io, e => e is { Major: 8, Minor: 16, Op: "write", Value: 8192 });
        Assert.Contains(io, e => e is { Major: 253, Minor: 0, Op: "read", Value: 4096 });
        Assert.Null(s.BlkioStats.IoServicedRecursive);
    }

    [Fact]
    public void V2_NoMemoryLimit_LimitIsTheMachinesMemory()
    {
        using var dir = new Cais.TestSupport.TempDir();
        File.WriteAllText(dir.Combine("memory.current"), "4096\n");
        File.WriteAllText(dir.Combine("memory.max"), "max\n");
        var s = new StatsResponse();
        V2Stats.Read(dir.Path, MachineMemory, s);
        Assert.Equal(MachineMemory, s.MemoryStats.Limit);
        Assert.Equal(4096UL, s.MemoryStats.Usage);
    }

    [Fact]
    public void V1_FixtureDirectories_DockerShape()
    {
        var s = new StatsResponse();
        var v1 = new V1Dirs(Fixture("v1", "cpu"), Fixture("v1", "cpuacct"), Fixture("v1", "memory"), Fixture("v1", "pids"), Fixture("v1", "blkio"));
        V1Stats.Read(v1, MachineMemory, s);

        Assert.Equal(364026122UL, s.CpuStats.CpuUsage.TotalUsage);
        Assert.Equal([161589252UL, 202436870UL, 0UL], s.CpuStats.CpuUsage.PercpuUsage);
        Assert.Equal(110_000_000UL, s.CpuStats.CpuUsage.UsageInUsermode); // 11 ticks of 10 ms
        Assert.Equal(240_000_000UL, s.CpuStats.CpuUsage.UsageInKernelmode);
        Assert.Equal(36UL, s.CpuStats.ThrottlingData.Periods);
        Assert.Equal(2UL, s.CpuStats.ThrottlingData.ThrottledPeriods);
        Assert.Equal(1234567UL, s.CpuStats.ThrottlingData.ThrottledTime);

        Assert.Equal(1703936UL, s.MemoryStats.Usage);
        Assert.Equal(2072576UL, s.MemoryStats.MaxUsage);
        Assert.Equal(3UL, s.MemoryStats.Failcnt);
        Assert.Equal(MachineMemory, s.MemoryStats.Limit); // unlimited: the host's memory
        Assert.Equal(4096UL, s.MemoryStats.Stats!["total_inactive_file"]);
        Assert.Equal(946176UL, s.MemoryStats.Stats["rss"]);
        Assert.False(s.MemoryStats.Stats.ContainsKey("shmem")); // not among the keys Docker passes on

        Assert.Equal(9UL, s.PidsStats.Current);
        Assert.Equal(50UL, s.PidsStats.Limit);

        // BFQ's files hold nothing (the disk is not BFQ's): the throttle files count.
        Assert.Equal(["8:0 Read 4096", "8:0 Write 12288", "8:0 Sync 16384", "8:0 Async 0", "8:0 Discard 0", "8:0 Total 16384"],
            s.BlkioStats.IoServiceBytesRecursive!.Select(e => $"{e.Major}:{e.Minor} {e.Op} {e.Value}"));
        Assert.Equal(6, s.BlkioStats.IoServicedRecursive!.Count);
    }

    [Fact]
    public void V1_MissingControllers_ZerosNoError()
    {
        var s = new StatsResponse();
        V1Stats.Read(new V1Dirs(null, null, null, null, "/nonexistent/blkio"), MachineMemory, s);
        Assert.Equal(0UL, s.CpuStats.CpuUsage.TotalUsage);
        Assert.Null(s.MemoryStats.Stats);
        Assert.Null(s.BlkioStats.IoServiceBytesRecursive);
    }

    [Fact]
    public void HostCpu_ProcStat_SevenFieldsInNanosecondsAndOnlineCpus()
    {
        var (system, cpus) = HostStats.Cpu(Fixture("proc", "stat"));
        Assert.Equal((1762872UL + 0 + 516432 + 1702412 + 18776 + 0 + 8201) * 10_000_000, system);
        Assert.Equal(2U, cpus);
    }

    [Fact]
    public void MemoryTotal_ProcMeminfo_Bytes() =>
        Assert.Equal(MachineMemory, HostStats.MemoryTotal(Fixture("proc", "meminfo")));

    [Fact]
    public void NetDev_SkipsLoopback_CountsInterfaces()
    {
        var networks = NetDev.Read(Fixture("proc", "net_dev"))!;
        var eth0 = Assert.Single(networks);
        Assert.Equal("eth0", eth0.Key);
        Assert.Equal(15262UL, eth0.Value.RxBytes);
        Assert.Equal(129UL, eth0.Value.RxPackets);
        Assert.Equal(1UL, eth0.Value.RxErrors);
        Assert.Equal(2UL, eth0.Value.RxDropped);
        Assert.Equal(2370UL, eth0.Value.TxBytes);
        Assert.Equal(27UL, eth0.Value.TxPackets);
        Assert.Equal(3UL, eth0.Value.TxErrors);
        Assert.Equal(4UL, eth0.Value.TxDropped);
    }

    [Fact]
    public void NetDev_OnlyLoopback_NoNetworks() =>
        Assert.Null(NetDev.Parse("Inter-|\n face |\n    lo:  1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n"));

    [Fact]
    public void Numbers_MaxAndNegative_ReadAsUnlimited()
    {
        Assert.Equal(ulong.MaxValue, StatFiles.ParseNumber("max"));
        Assert.Equal(ulong.MaxValue, StatFiles.ParseNumber("-1"));
        Assert.Null(StatFiles.ParseNumber("garbage"));
        Assert.Null(StatFiles.ParseNumber(""));
    }
}
