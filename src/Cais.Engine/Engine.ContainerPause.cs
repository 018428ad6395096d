using Cais.Engine.Containers;
using Cais.Engine.Errors;
using Cais.Linux;
using Cais.Runtime.Cgroups;
using Cais.Runtime.State;

namespace Cais.Engine;

// POST /containers/{id}/pause and /unpause: the cgroup freezer stops every process of the
// container where it is, and lets them go again. "paused" is a status of its own in the record,
// so a paused container is still paused after a daemon restart.
public sealed partial class Engine
{
    public async Task PauseContainer(string idOrName, CancellationToken cancel = default)
    {
        var c = Get(idOrName);
        await c.Gate.WaitAsync(cancel);
        try
        {
            switch (c.Record.State.Status)
            {
                case "paused": throw new ConflictException($"Container {c.Id} is already paused");
                case "restarting": throw Restarting(c);
                case not "running": throw NotRunning(c);
            }
            try { runtime.Pause(c.Id); }
            catch (Exception e) when (e is CgroupException or ContainerStateException or ContainerNotFoundException)
            {
                throw new PauseFailedException($"Cannot pause container {c.Id}: {e.Message}");
            }
            c.Record.State.Status = "paused";
            Save(c);
            Events.Container("pause", c);
        }
        finally
        {
            c.Gate.Release();
        }
    }

    public async Task UnpauseContainer(string idOrName, CancellationToken cancel = default)
    {
        var c = Get(idOrName);
        await c.Gate.WaitAsync(cancel);
        try
        {
            if (c.Record.State.Status != "paused") throw new ConflictException($"Container {c.Id} is not paused");
            try { runtime.Resume(c.Id); }
            catch (Exception e) when (e is CgroupException or ContainerStateException or ContainerNotFoundException)
            {
                throw new PauseFailedException($"Cannot unpause container {c.Id}: {e.Message}");
            }
            c.Record.State.Status = "running";
            Save(c);
            Events.Container("unpause", c);
        }
        finally
        {
            c.Gate.Release();
        }
    }

    /// <summary>
    /// After a signal that is meant to end a paused container (SIGKILL, its stop signal), thaw
    /// it: a frozen process handles no signal until it runs again. Docker does the same; other
    /// signals leave the container paused, to be handled at unpause.
    /// </summary>
    void ThawIfEnding(Container c, int signal)
    {
        if (c.Record.State.Status != "paused") return;
        var stop = c.Record.Config.StopSignal;
        bool ending = signal == Signals.SIGKILL || string.IsNullOrEmpty(stop) || SameSignal(stop, signal);
        if (!ending) return;
        c.Gate.Wait();
        try
        {
            if (c.Record.State.Status != "paused") return;
            try { runtime.Thaw(c.Id); }
            catch (Exception e) when (e is CgroupException or ContainerNotFoundException)
            {
                // Gone meanwhile: its exit is on its way.
                Console.Error.WriteLine($"cais daemon: thawing {c.Record.Name}: {e.Message}");
            }
            c.Record.State.Status = "running";
            Save(c);
            Events.Container("unpause", c);
        }
        finally
        {
            c.Gate.Release();
        }
    }

    static bool SameSignal(string name, int signal)
    {
        try { return Signals.Parse(name) == signal; }
        catch (FormatException) { return false; }
    }

    /// <summary>
    /// At start-up: a container recorded as paused whose cgroup was thawed behind the daemon's
    /// back (or the reverse) gets the status its cgroup has.
    /// </summary>
    void ReconcilePaused(Container c)
    {
        var state = c.Record.State;
        if (state.Status is not ("running" or "paused")) return;
        ContainerStatus actual;
        try { actual = runtime.StatusOf(runtime.Store.Load(c.Id)); }
        catch (Exception e) when (e is ContainerNotFoundException or IOException) { return; }
        var status = actual switch
        {
            ContainerStatus.Paused => "paused",
            ContainerStatus.Running => "running",
            _ => state.Status,
        };
        if (status == state.Status) return;
        state.Status = status;
        Save(c);
    }

    static ConflictException NotRunning(Container c) => new($"Container {c.Id} is not running");

    static ConflictException Restarting(Container c) => new($"Container {c.Id} is restarting, wait until the container is running");
}

/// <summary>The freezer would not freeze or thaw the container (HTTP 500, as Docker).</summary>
public sealed class PauseFailedException(string message) : Exception(message);
