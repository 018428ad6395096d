using Cais.Api.Models.Containers;
using Cais.Api.Models.Stats;
using Cais.Engine.Errors;
using Cais.TestSupport;
using static Cais.Engine.Tests.Containers.OpsTestSupport;

namespace Cais.Engine.Tests.Containers;

/// <summary>update, stats, changes, sizes and prune on real containers, bad input included.</summary>
[Collection("containers")]
public sealed class ContainerResourceTests : IDisposable
{
    const long MiB = 1 << 20;
    readonly EngineHarness h = new();

    public void Dispose() => h.Dispose();

    async Task<string> StartedWithMemory(long memory, params string[] cmd)
    {
        var id = h.Create(r => { r.Cmd = [.. cmd]; r.HostConfig!.Memory = memory; });
        await h.Engine.StartContainer(id);
        return id;
    }

    [RootFact]
    public async Task Update_Running_LiveCgroupAndStoredConfig()
    {
        var id = await StartedWithMemory(64 * MiB, "sleep", "300");
        Assert.Equal(128 * MiB, h.Engine.Get(id).Record.HostConfig.MemorySwap); // Docker's default: twice the memory

        var warnings = await h.Engine.UpdateContainer(id, new ContainerUpdateRequest { Memory = 32 * MiB, PidsLimit = 50, CpuShares = 512 });

        Assert.Empty(warnings);
        var stored = h.Engine.Get(id).Record.HostConfig;
        Assert.Equal(32 * MiB, stored.Memory);
        Assert.Equal(50L, stored.PidsLimit);
        Assert.Equal(512, stored.CpuShares);
        if (V1CgroupFile("memory", id, "memory.limit_in_bytes") is { } limit) Assert.Equal($"{32 * MiB}", File.ReadAllText(limit).Trim());
        if (V1CgroupFile("pids", id, "pids.max") is { } pids) Assert.Equal("50", File.ReadAllText(pids).Trim());
        if (V1CgroupFile("cpu", id, "cpu.shares") is { } shares) Assert.Equal("512", File.ReadAllText(shares).Trim());
        h.Restart();
        Assert.Equal(32 * MiB, h.Engine.Get(id).Record.HostConfig.Memory);
    }

    [RootFact]
    public async Task Update_Stopped_StoredAndAppliedAtTheNextStart()
    {
        var id = h.Create("sleep", "300");
        await h.Engine.UpdateContainer(id, new ContainerUpdateRequest { PidsLimit = 42, RestartPolicy = new RestartPolicy { Name = "unless-stopped" } });
        Assert.Equal("unless-stopped", h.Engine.Get(id).Record.HostConfig.RestartPolicy.Name);

        await h.Engine.StartContainer(id);

        if (V1CgroupFile("pids", id, "pids.max") is { } pids) Assert.Equal("42", File.ReadAllText(pids).Trim());
    }

    [RootFact]
    public async Task Update_BadInput_RefusedAndNothingChanges()
    {
        var id = await StartedWithMemory(64 * MiB, "sleep", "300");

        Assert.Equal("Minimum memory limit allowed is 6MB",
            (await Assert.ThrowsAsync<InvalidParameterException>(() => h.Engine.UpdateContainer(id, new ContainerUpdateRequest { Memory = 4 * MiB }))).Message);
        var aboveSwap = await Assert.ThrowsAsync<ConflictException>(() => h.Engine.UpdateContainer(id, new ContainerUpdateRequest { Memory = 256 * MiB }));
        Assert.Equal($"Cannot update container {id}: Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time", aboveSwap.Message);
        await Assert.ThrowsAsync<NotFoundException>(() => h.Engine.UpdateContainer("nope", new ContainerUpdateRequest { Memory = 32 * MiB }));

        Assert.Equal(64 * MiB, h.Engine.Get(id).Record.HostConfig.Memory);
        if (V1CgroupFile("memory", id, "memory.limit_in_bytes") is { } limit) Assert.Equal($"{64 * MiB}", File.ReadAllText(limit).Trim());
    }

    [RootFact]
    public async Task Update_MemoryBelowTheUsage_FailsSayingSo_KeepsTheOldLimit()
    {
        // tmpfs pages cannot be reclaimed without swap: the usage stays.
        var id = await StartedWithMemory(64 * MiB, "sh", "-c", "dd if=/dev/zero of=/dev/shm/fill bs=1M count=40 2>/dev/null; echo full; sleep 300");
        await WaitForOutput(h.Engine, id, "full");

        var e = await Assert.ThrowsAsync<UpdateFailedException>(() =>
            h.Engine.UpdateContainer(id, new ContainerUpdateRequest { Memory = 10 * MiB, MemorySwap = 20 * MiB }));

        Assert.StartsWith($"Cannot update container {id}: unable to set memory limit to {10 * MiB} (current usage: ", e.Message);
        Assert.Equal(64 * MiB, h.Engine.Get(id).Record.HostConfig.Memory);
        Assert.Equal("running", h.Engine.Get(id).Record.State.Status);
        if (V1CgroupFile("memory", id, "memory.limit_in_bytes") is { } limit) Assert.Equal($"{64 * MiB}", File.ReadAllText(limit).Trim());
    }

    static async Task<List<StatsResponse>> Take(IAsyncEnumerable<StatsResponse> samples, int count)
    {
        var list = new List<StatsResponse>();
        await foreach (var s in samples)
        {
            list.Add(s);
            if (list.Count == count) break;
        }
        return list;
    }

    [RootFact]
    public async Task Stats_OneShot_TheContainersMemoryLimitAndUsage()
    {
        var id = await StartedWithMemory(64 * MiB, "sleep", "300");

        var s = Assert.Single(await Take(h.Engine.ContainerStats(id, stream: false, oneShot: true), 2));

        Assert.Equal(h.Engine.Get(id).Record.Name, s.Name);
        Assert.Equal(id, s.Id);
        Assert.Equal((ulong)(64 * MiB), s.MemoryStats.Limit);
        Assert.True(s.MemoryStats.Usage > 0);
        Assert.True(s.PidsStats.Current >= 1);
        Assert.True(s.CpuStats.OnlineCpus > 0);
        Assert.True(s.CpuStats.SystemCpuUsage > 0);
        Assert.Equal(DateTimeOffset.MinValue, s.PreRead); // one-shot: no earlier sample
        Assert.Null(s.Networks); // only lo: no endpoints to report
    }

    [RootFact]
    public async Task Stats_NotStreamed_CarriesTheCpuOfASampleBefore()
    {
        var id = await StartedWithMemory(0, "sh", "-c", "while true; do :; done");
        var s = Assert.Single(await Take(h.Engine.ContainerStats(id, stream: false, oneShot: false), 2));
        Assert.NotEqual(DateTimeOffset.MinValue, s.PreRead);
        Assert.True(s.Read > s.PreRead);
        Assert.True(s.CpuStats.CpuUsage.TotalUsage > s.PreCpuStats.CpuUsage.TotalUsage);
        Assert.True(s.CpuStats.SystemCpuUsage > s.PreCpuStats.SystemCpuUsage);
    }

    [RootFact]
    public async Task Stats_Streamed_EachSampleFollowsTheLast_StoppedGivesZeros()
    {
        var id = await StartedWithMemory(0, "sleep", "300");
        var two = await Take(h.Engine.ContainerStats(id, stream: true, oneShot: false), 2);
        Assert.Equal(two[0].Read, two[1].PreRead);

        var stopped = h.Create("true");
        var s = Assert.Single(await Take(h.Engine.ContainerStats(stopped, stream: false, oneShot: false), 2));
        Assert.Equal(stopped, s.Id);
        Assert.Equal(DateTimeOffset.MinValue, s.Read);
        Assert.Equal(0UL, s.MemoryStats.Usage);
        await Assert.ThrowsAsync<InvalidParameterException>(() => Take(h.Engine.ContainerStats(id, stream: true, oneShot: true), 1));
    }

    [RootFact]
    public async Task Changes_AfterARun_WhatItDid_AndSizes()
    {
        var id = h.Create("sh", "-c", "head -c 1000 /dev/zero > /newfile; rm /bin/ls; mkdir -p /tmp/a");
        var exited = h.Engine.WaitContainer(id, "next-exit");
        await h.Engine.StartContainer(id);
        await exited.WaitAsync(TimeSpan.FromSeconds(30));

        var changes = h.Engine.ContainerChanges(id).Select(c => $"{c.Kind} {c.Path}").ToList();

        Assert.Equal(["Modified /bin", "Deleted /bin/ls", "Added /newfile", "Modified /tmp", "Added /tmp/a"], changes);
        var sizes = h.Engine.ContainerSizes(h.Engine.Get(id));
        Assert.Equal(1000, sizes.SizeRw);
        Assert.Equal(1000 + h.Engine.Images.Metadata.FindImage(h.Engine.Get(id).Record.ImageId)!.Size, sizes.SizeRootFs);
    }

    [RootFact]
    public async Task Changes_AContainerThatChangedNothing_None()
    {
        var id = h.Create("true");
        var exited = h.Engine.WaitContainer(id, "next-exit");
        await h.Engine.StartContainer(id);
        await exited.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(h.Engine.ContainerChanges(id)); // the hostname, hosts and resolv.conf mount points are not the user's
        Assert.Throws<NotFoundException>(() => h.Engine.ContainerChanges("nope"));
    }

    [RootFact]
    public async Task Prune_RemovesWhatDoesNotRun_AsSelected()
    {
        var exited = h.Create("sh", "-c", "head -c 500 /dev/zero > /f");
        var done = h.Engine.WaitContainer(exited, "next-exit");
        await h.Engine.StartContainer(exited);
        await done.WaitAsync(TimeSpan.FromSeconds(30));
        var created = h.Create("true");
        var kept = h.Create(r => { r.Cmd = ["true"]; r.Labels = new() { ["keep"] = "yes" }; });
        var running = await Started(h, "sleep", "300");

        var result = await h.Engine.PruneContainers(r => r.Config.Labels?.ContainsKey("keep") != true);

        Assert.Equal(new[] { created, exited }.Order(), result.Deleted.Order());
        Assert.Equal(500UL, result.SpaceReclaimed);
        Assert.Equal(new[] { kept, running }.Order(), h.Engine.Containers().Select(c => c.Id).Order());
        Assert.DoesNotContain(exited, h.Engine.Images.Snapshots.Containers());
    }
}
