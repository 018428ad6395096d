using System.Runtime.CompilerServices;
using Cais.Api.Models.Stats;
using Cais.Engine.Containers;
using Cais.Engine.Errors;
using Cais.Engine.Stats;

namespace Cais.Engine;

// GET /containers/{id}/stats: samples of the container's cgroup, one a second, each carrying the
// CPU figures of the sample before it (precpu_stats) so a client computes CPU % from one object.
public sealed partial class Engine
{
    static readonly TimeSpan StatsInterval = TimeSpan.FromSeconds(1);
    static readonly Lazy<ulong> MachineMemory = new(() => HostStats.MemoryTotal());

    /// <summary>
    /// The samples to send: with <paramref name="stream"/> one a second until cancelled; without,
    /// one, taken a second after a first one so its CPU delta means something (Docker's priming),
    /// or at once with <paramref name="oneShot"/>. A container that is not running gives samples
    /// with only its name and id, as Docker's do.
    /// </summary>
    public async IAsyncEnumerable<StatsResponse> ContainerStats(string idOrName, bool stream, bool oneShot,
        [EnumeratorCancellation] CancellationToken cancel = default)
    {
        if (stream && oneShot) throw new InvalidParameterException("cannot have stream=true and one-shot=true");
        var c = Get(idOrName);
        if (!stream && !IsSampled(c))
        {
            yield return Empty(c);
            yield break;
        }
        StatsResponse? previous = null;
        bool primed = stream || oneShot;
        // A removed container's stream ends, as Docker's does.
        while (!cancel.IsCancellationRequested && !c.Removed.IsCompleted)
        {
            var sample = StatsSample(c);
            if (previous is not null)
            {
                sample.PreCpuStats = previous.CpuStats;
                sample.PreRead = previous.Read;
            }
            previous = sample;
            if (primed)
            {
                yield return sample;
                if (!stream) yield break;
            }
            primed = true;
            try { await Task.Delay(StatsInterval, cancel); }
            catch (OperationCanceledException) { yield break; }
        }
    }

    static bool IsSampled(Container c) => c.Record.State.Status is "running" or "paused";

    static StatsResponse Empty(Container c) => new() { Name = c.Record.Name, Id = c.Id };

    /// <summary>One reading of the container's cgroup, the host's CPU time, and its network namespace.</summary>
    public StatsResponse StatsSample(Container c)
    {
        if (!IsSampled(c)) return Empty(c);
        var sample = new StatsResponse { Name = c.Record.Name, Id = c.Id, Read = DateTimeOffset.UtcNow };
        string path;
        try { path = runtime.CgroupPathOf(c.Id); }
        catch (Cais.Runtime.State.ContainerNotFoundException) { return Empty(c); } // it has just exited
        CgroupStatsReader.Read(runtime.CgroupLayout, path, MachineMemory.Value, sample);
        var (systemUsage, onlineCpus) = HostStats.Cpu();
        sample.CpuStats.SystemCpuUsage = systemUsage;
        sample.CpuStats.OnlineCpus = onlineCpus;
        // With the host's network the interfaces are the host's, not the container's: Docker shows none.
        int pid = c.Record.State.Pid;
        if (pid > 0 && NetworkMode(c.Record.HostConfig) != "host")
            sample.Networks = NetDev.Read($"/proc/{pid}/net/dev");
        return sample;
    }
}
