using System.Text.Json;
using Cais.Api.Models.Containers;
using Cais.Engine.Errors;
using Cais.Engine.Update;
using Cais.Linux;
using Cais.Runtime.Cgroups;
using Cais.Runtime.State;

namespace Cais.Engine;

// POST /containers/{id}/update: new limits (and restart policy) for a container. They are stored
// in its HostConfig, so the next start uses them, and a running or paused container's cgroup gets
// them at once.
public sealed partial class Engine
{
    public async Task<List<string>> UpdateContainer(string idOrName, ContainerUpdateRequest request, CancellationToken cancel = default)
    {
        var warnings = ResourceUpdate.Validate(request, ResourceUpdate.Host.Current);
        var c = Get(idOrName);
        await c.Gate.WaitAsync(cancel);
        try
        {
            if (c.Record.State.Status is "removing" or "dead")
                throw new ConflictException($"Cannot update container {c.Id}: container is marked for removal and cannot be \"update\"");
            var merged = Copy(c.Record.HostConfig);
            try { ResourceUpdate.Merge(merged, request); }
            catch (ConflictException e) { throw new ConflictException($"Cannot update container {c.Id}: {e.Message}"); }

            // A container between two runs (restarting) or stopped gets the limits at its next start.
            if (c.Record.State.Status is "running" or "paused")
                warnings.AddRange(ApplyLive(c.Id, request));
            c.Record.HostConfig = merged;
            Save(c);
            Events.Container("update", c);
        }
        finally
        {
            c.Gate.Release();
        }
        return warnings;
    }

    IReadOnlyList<string> ApplyLive(string id, ContainerUpdateRequest request)
    {
        var resources = ResourceUpdate.ToRuntime(request);
        try
        {
            return runtime.Update(id, resources);
        }
        catch (CgroupException e) when (e.Errno == Errno.EBUSY && request.Memory > 0)
        {
            // The kernel could not reclaim enough to fit the new limit (memory.rst: "the write
            // fails with EBUSY"); runc reports the usage the limit fell short of.
            var usage = Stats.CgroupStatsReader.MemoryUsage(runtime.CgroupLayout, SafeCgroupPath(id));
            throw new UpdateFailedException($"Cannot update container {id}: unable to set memory limit to {request.Memory} (current usage: {usage.Current}, peak usage: {usage.Peak})");
        }
        catch (Exception e) when (e is CgroupException or ContainerStateException or ContainerNotFoundException)
        {
            throw new UpdateFailedException($"Cannot update container {id}: {e.Message}");
        }
    }

    string SafeCgroupPath(string id)
    {
        try { return runtime.CgroupPathOf(id); }
        catch (ContainerNotFoundException) { return "/cais/" + id; }
    }

    static HostConfig Copy(HostConfig h) =>
        JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(h, ContainerJsonContext.Default.HostConfig), ContainerJsonContext.Default.HostConfig)!;
}

/// <summary>The kernel refused the new limits on the live cgroup (HTTP 500, as Docker: the stored config is unchanged).</summary>
public sealed class UpdateFailedException(string message) : Exception(message);
