using Cais.Api.Models.Stats;
using Cais.Cli.Containers.Stats;
using Cais.Cli.Format.Templates;

namespace Cais.Cli.Tests.Containers;

/// <summary>`stats` figures from a sample, computed as docker's stats helpers compute them.</summary>
public class StatsCalculationTests
{
    static StatsResponse Sample() => new()
    {
        Name = "/web",
        Id = "3972fd1830179403b79aa81a9afc33a0b745e35b01b16d8290ee3a4f2d9d3f27",
        PreCpuStats = new CpuStats { CpuUsage = new CpuUsage { TotalUsage = 1_000_000_000 }, SystemCpuUsage = 100_000_000_000, OnlineCpus = 2 },
        CpuStats = new CpuStats { CpuUsage = new CpuUsage { TotalUsage = 1_500_000_000 }, SystemCpuUsage = 102_000_000_000, OnlineCpus = 2 },
        MemoryStats = new MemoryStats { Usage = 10 * 1024 * 1024, Limit = 100 * 1024 * 1024, Stats = new() { ["total_inactive_file"] = 2 * 1024 * 1024 } },
        PidsStats = new PidsStats { Current = 3 },
        BlkioStats = new BlkioStats
        {
            IoServiceBytesRecursive =
            [
                new BlkioStatEntry { Op = "Read", Value = 4096 },
                new BlkioStatEntry { Op = "Write", Value = 8192 },
                new BlkioStatEntry { Op = "read", Value = 4096 },
                new BlkioStatEntry { Op = "Total", Value = 16384 },
            ],
        },
        Networks = new() { ["eth0"] = new NetworkStats { RxBytes = 1500, TxBytes = 700 }, ["eth1"] = new NetworkStats { RxBytes = 500, TxBytes = 300 } },
    };

    [Fact]
    public void Cpu_DeltaOverSystemDeltaTimesOnlineCpus()
    {
        // 0.5 s of CPU in 2 s of host time over 2 CPUs: half a CPU, 50%.
        var entry = StatsEntry.From("web", Sample());
        Assert.Equal(50.0, entry.CpuPercentage, 6);
    }

    [Fact]
    public void Cpu_FirstSampleWithoutPrevious_IsZero()
    {
        var s = Sample();
        s.PreCpuStats = new CpuStats();
        s.CpuStats.SystemCpuUsage = 0;
        Assert.Equal(0, StatsEntry.From("web", s).CpuPercentage);
    }

    [Fact]
    public void Cpu_WithoutOnlineCpus_CountsPerCpuUsage()
    {
        var s = Sample();
        s.CpuStats.OnlineCpus = 0;
        s.CpuStats.CpuUsage.PercpuUsage = [1, 2, 3, 4];
        Assert.Equal(100.0, StatsEntry.CpuPercent(s.PreCpuStats, s.CpuStats), 6);
    }

    [Fact]
    public void Memory_CgroupV1_UsageMinusTotalInactiveFile()
    {
        var entry = StatsEntry.From("web", Sample());
        Assert.Equal(8 * 1024 * 1024, entry.Memory);
        Assert.Equal(8.0, entry.MemoryPercentage, 6);
    }

    [Fact]
    public void Memory_CgroupV2_UsageMinusInactiveFile()
    {
        var s = Sample();
        s.MemoryStats.Stats = new() { ["inactive_file"] = 1024 * 1024, ["file"] = 5 * 1024 * 1024 };
        Assert.Equal(9 * 1024 * 1024, StatsEntry.From("web", s).Memory);
    }

    [Fact]
    public void Memory_CacheLargerThanUsage_IsUsage()
    {
        var s = Sample();
        s.MemoryStats.Stats = new() { ["inactive_file"] = 20 * 1024 * 1024 };
        Assert.Equal(10 * 1024 * 1024, StatsEntry.From("web", s).Memory);
    }

    [Fact]
    public void BlockIo_AndNetwork_Summed()
    {
        var entry = StatsEntry.From("web", Sample());
        Assert.Equal((8192.0, 8192.0), (entry.BlockRead, entry.BlockWrite));
        Assert.Equal((2000.0, 1000.0), (entry.NetworkRx, entry.NetworkTx));
        Assert.Equal(3UL, entry.PidsCurrent);
    }

    [Fact]
    public void Row_AsDockersColumnsShowIt()
    {
        var row = new StatsRow(StatsEntry.From("web", Sample()), truncate: true);

        Assert.Equal("3972fd183017 web 50.00% 8MiB / 100MiB 8.00% 2kB / 1kB 8.19kB / 8.19kB 3",
            GoTemplate.Parse("{{.ID}} {{.Name}} {{.CPUPerc}} {{.MemUsage}} {{.MemPerc}} {{.NetIO}} {{.BlockIO}} {{.PIDs}}").Execute(TemplateValue.FromObject(row)));
    }

    [Fact]
    public void Row_Invalid_ShowsDashes()
    {
        var row = new StatsRow(StatsEntry.Invalid("nope"), truncate: true);

        Assert.Equal("nope -- -- -- / -- -- -- -- --",
            GoTemplate.Parse("{{.Container}} {{.Name}} {{.CPUPerc}} {{.MemUsage}} {{.MemPerc}} {{.NetIO}} {{.BlockIO}} {{.PIDs}}").Execute(TemplateValue.FromObject(row)));
    }

    [Fact]
    public void Table_HasDockersHeader()
    {
        var output = new StringWriter();
        FormatRenderer.Render(output, "", [TemplateValue.FromObject(new StatsRow(StatsEntry.From("web", Sample()), true))], StatsRow.Headers, StatsRow.DefaultTableFormat);

        Assert.Equal(
            "CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O     BLOCK I/O         PIDS\n" +
            "3972fd183017   web       50.00%    8MiB / 100MiB       8.00%     2kB / 1kB   8.19kB / 8.19kB   3\n",
            output.ToString());
    }
}
