using Cais.Api.Models.Containers;
using Cais.Engine.Errors;
using Cais.Engine.Update;

namespace Cais.Engine.Tests.Update;

/// <summary>POST /containers/{id}/update's rules: Docker's checks of the request, its merge into the stored HostConfig, the live resources.</summary>
public sealed class ResourceUpdateTests
{
    static readonly ResourceUpdate.Host TwoCpus = new(2, "0-1", "0");

    static InvalidParameterException Refused(Action<ContainerUpdateRequest> set)
    {
        var r = new ContainerUpdateRequest();
        set(r);
        return Assert.Throws<InvalidParameterException>(() => ResourceUpdate.Validate(r, TwoCpus));
    }

    [Fact]
    public void Validate_BadValues_DockersWords()
    {
        Assert.Equal("Minimum memory limit allowed is 6MB", Refused(r => r.Memory = 3 << 20).Message);
        Assert.Equal("Minimum memoryswap limit should be larger than memory limit, see usage",
            Refused(r => { r.Memory = 64 << 20; r.MemorySwap = 32 << 20; }).Message);
        Assert.Equal("Minimum memory reservation allowed is 6MB", Refused(r => r.MemoryReservation = 1 << 20).Message);
        Assert.Equal("Minimum memory limit can not be less than memory reservation limit, see usage",
            Refused(r => { r.Memory = 16 << 20; r.MemoryReservation = 32 << 20; }).Message);
        Assert.Equal("Conflicting options: Nano CPUs and CPU Quota cannot both be set",
            Refused(r => { r.NanoCpus = 500_000_000; r.CpuQuota = 50_000; }).Message);
        Assert.Equal("Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available", Refused(r => r.NanoCpus = 3_000_000_000).Message);
        Assert.Equal("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)", Refused(r => r.CpuPeriod = 500).Message);
        Assert.Equal("CPU cfs quota can not be less than 1ms (i.e. 1000)", Refused(r => r.CpuQuota = 999).Message);
        Assert.Equal("Requested CPUs are not available - requested 0-3, available: 0-1", Refused(r => r.CpusetCpus = "0-3").Message);
        Assert.Equal("Invalid value 1-x for cpuset cpus: invalid format: 1-x", Refused(r => r.CpusetCpus = "1-x").Message);
        Assert.Equal("Range of blkio weight is from 10 to 1000", Refused(r => r.BlkioWeight = 5).Message);
        Assert.StartsWith("invalid restart policy: unknown policy 'sometimes'", Refused(r => r.RestartPolicy = new RestartPolicy { Name = "sometimes" }).Message);
        Assert.Equal("invalid restart policy: maximum retry count can only be used with 'on-failure'",
            Refused(r => r.RestartPolicy = new RestartPolicy { Name = "always", MaximumRetryCount = 3 }).Message);
    }

    [Fact]
    public void Validate_GoodRequest_NoWarnings() =>
        Assert.Empty(ResourceUpdate.Validate(new ContainerUpdateRequest { Memory = 64 << 20, MemorySwap = -1, CpusetCpus = "0,1", NanoCpus = 1_500_000_000, PidsLimit = 10 }, TwoCpus));

    [Fact]
    public void Merge_MemoryAboveStoredSwap_ConflictUnlessSwapChangesToo()
    {
        var stored = new HostConfig { Memory = 64 << 20, MemorySwap = 128 << 20 };
        var e = Assert.Throws<ConflictException>(() => ResourceUpdate.Merge(stored, new ContainerUpdateRequest { Memory = 256 << 20 }));
        Assert.Equal("Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time", e.Message);

        ResourceUpdate.Merge(stored, new ContainerUpdateRequest { Memory = 256 << 20, MemorySwap = 512 << 20 });
        Assert.Equal(256 << 20, stored.Memory);
        Assert.Equal(512 << 20, stored.MemorySwap);
        ResourceUpdate.Merge(stored, new ContainerUpdateRequest { Memory = 100 << 20 });
        Assert.Equal(100 << 20, stored.Memory);
    }

    [Fact]
    public void Merge_CpusAgainstAStoredQuota_Conflict()
    {
        var stored = new HostConfig { CpuQuota = 50_000 };
        Assert.Throws<ConflictException>(() => ResourceUpdate.Merge(stored, new ContainerUpdateRequest { NanoCpus = 1_000_000_000 }));
        var withCpus = new HostConfig { NanoCpus = 1_000_000_000 };
        Assert.Throws<ConflictException>(() => ResourceUpdate.Merge(withCpus, new ContainerUpdateRequest { CpuPeriod = 50_000 }));
    }

    [Fact]
    public void Merge_RestartPolicyWithAutoRemove_Conflict_NoIsFine()
    {
        var stored = new HostConfig { AutoRemove = true };
        Assert.Throws<ConflictException>(() => ResourceUpdate.Merge(stored, new ContainerUpdateRequest { RestartPolicy = new RestartPolicy { Name = "always" } }));
        ResourceUpdate.Merge(stored, new ContainerUpdateRequest { RestartPolicy = new RestartPolicy { Name = "no" } });
        Assert.Equal("no", stored.RestartPolicy.Name);
    }

    [Fact]
    public void Merge_UnsetFieldsKeepTheirValues()
    {
        var stored = new HostConfig { CpuShares = 512, PidsLimit = 100, CpusetCpus = "0", RestartPolicy = new RestartPolicy { Name = "always" } };
        ResourceUpdate.Merge(stored, new ContainerUpdateRequest { BlkioWeight = 300 });
        Assert.Equal(512, stored.CpuShares);
        Assert.Equal(100L, stored.PidsLimit);
        Assert.Equal("0", stored.CpusetCpus);
        Assert.Equal("always", stored.RestartPolicy.Name);
        Assert.Equal(300, stored.BlkioWeight);
    }

    [Fact]
    public void ToRuntime_OnlyWhatTheRequestSets_CpusAsAQuota()
    {
        var spec = ResourceUpdate.ToRuntime(new ContainerUpdateRequest { NanoCpus = 1_500_000_000, Memory = 32 << 20 });
        Assert.Equal(150_000, spec.Cpu!.Quota);
        Assert.Equal(100_000UL, spec.Cpu.Period);
        Assert.Null(spec.Cpu.Shares);
        Assert.Equal(32 << 20, spec.Memory!.Limit);
        Assert.Null(spec.Memory.Swap);
        Assert.Null(spec.Pids);
        Assert.Null(spec.BlockIO);

        var none = ResourceUpdate.ToRuntime(new ContainerUpdateRequest { RestartPolicy = new RestartPolicy { Name = "always" } });
        Assert.Null(none.Cpu);
        Assert.Null(none.Memory);

        Assert.Equal(-1, ResourceUpdate.ToRuntime(new ContainerUpdateRequest { PidsLimit = -1 }).Pids!.Limit);
    }

    [Theory]
    [InlineData("0-3,5", new[] { 0, 1, 2, 3, 5 })]
    [InlineData("7", new[] { 7 })]
    [InlineData("", new int[0])]
    public void CpuSetList_Parses(string text, int[] expected) => Assert.Equal(expected, CpuSetList.Parse(text));

    [Theory]
    [InlineData("3-1")]
    [InlineData("a")]
    [InlineData("1,,2")]
    [InlineData("1-2-3")]
    public void CpuSetList_Malformed_Null(string text) => Assert.Null(CpuSetList.Parse(text));
}
