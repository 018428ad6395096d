using Cais.Engine.Containers;
using Cais.Engine.Errors;
using Cais.Linux;

namespace Cais.Engine;

// Stop, kill, restart, wait. None of them holds the container's gate while waiting for the exit:
// the exit is recorded under that gate.
public sealed partial class Engine
{
    /// <summary>The stop signal, then SIGKILL after the timeout (seconds; -1 waits forever).</summary>
    public async Task StopContainer(string idOrName, int? timeoutSeconds, string? signal = null, CancellationToken cancel = default)
    {
        var c = Get(idOrName);
        if (!c.Record.State.Running) throw new NotModifiedException("container already stopped");
        c.Record.ManuallyStopped = true;
        if (c.Record.State.Status == "restarting")
        {
            // Between two runs: nothing to signal; the pending restart sees ManuallyStopped.
            c.Record.State.Status = "exited";
            Save(c);
            Events.Container("stop", c);
            return;
        }
        int timeout = timeoutSeconds ?? c.Record.Config.StopTimeout ?? Options.DefaultStopTimeout;
        int sig = Signals.Parse(signal ?? c.Record.Config.StopSignal ?? "SIGTERM");
        var exited = c.NextExit;
        Signal(c, sig);
        ThawIfEnding(c, sig);
        if (timeout < 0) await exited.WaitAsync(cancel);
        else if (!await Finished(exited, TimeSpan.FromSeconds(timeout), cancel))
        {
            Signal(c, Signals.SIGKILL);
            ThawIfEnding(c, Signals.SIGKILL);
            await exited.WaitAsync(cancel);
        }
        Events.Container("stop", c);
    }

    public async Task KillContainer(string idOrName, string? signal, CancellationToken cancel = default)
    {
        var c = Get(idOrName);
        if (c.Record.State.Status != "running" && c.Record.State.Status != "paused")
            throw new ConflictException($"cannot kill container: {idOrName}: container {c.Id} is not running");
        int sig = Signals.Parse(string.IsNullOrEmpty(signal) ? "SIGKILL" : signal);
        var exited = c.NextExit;
        if (sig == Signals.SIGKILL) c.Record.ManuallyStopped = true;
        Signal(c, sig);
        ThawIfEnding(c, sig);
        // Docker answers a SIGKILL once the container is dead, so `kill` then `inspect` agree.
        if (sig == Signals.SIGKILL) await Finished(exited, TimeSpan.FromSeconds(10), cancel);
    }

    public async Task RestartContainer(string idOrName, int? timeoutSeconds, string? signal = null, CancellationToken cancel = default)
    {
        var c = Get(idOrName);
        if (c.Record.State.Running)
        {
            try { await StopContainer(c.Id, timeoutSeconds, signal, cancel); }
            catch (NotModifiedException) { }
        }
        await StartContainer(c.Id, cancel);
        Events.Container("restart", c);
    }

    /// <summary>
    /// POST /wait: "not-running" (the default) returns at once for a stopped container,
    /// "next-exit" waits for the next exit, "removed" until the container is gone.
    /// </summary>
    public async Task<ExitInfo> WaitContainer(string idOrName, string? condition, CancellationToken cancel = default)
    {
        var c = Get(idOrName);
        switch (condition ?? "not-running")
        {
            case "" or "not-running":
                if (!c.Record.State.Running) return new ExitInfo(c.Record.State.ExitCode, NullIfEmpty(c.Record.State.Error));
                return await WaitUntilStopped(c, cancel);
            case "next-exit":
                return await c.NextExit.WaitAsync(cancel);
            case "removed":
                // The exit code of the last run, read once the container is gone (a container
                // waited on before its start has not run yet).
                await c.Removed.WaitAsync(cancel);
                return new ExitInfo(c.Record.State.ExitCode, NullIfEmpty(c.Record.State.Error));
            default:
                throw new InvalidParameterException($"invalid condition: \"{condition}\"");
        }
    }

    /// <summary>Exits until one is not followed by a restart.</summary>
    static async Task<ExitInfo> WaitUntilStopped(Container c, CancellationToken cancel)
    {
        while (true)
        {
            var exit = await c.NextExit.WaitAsync(cancel);
            if (c.Record.State.Status != "restarting") return exit;
        }
    }

    static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    void Signal(Container c, int sig)
    {
        try
        {
            runtime.Kill(c.Id, sig, all: false);
            Events.Container("kill", c, new Dictionary<string, string> { ["signal"] = sig.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Gone between the check and the signal: the exit is on its way.
            Console.Error.WriteLine($"cais daemon: signal {sig} to {c.Record.Name}: {e.Message}");
        }
    }

    static async Task<bool> Finished(Task task, TimeSpan timeout, CancellationToken cancel)
    {
        try
        {
            await task.WaitAsync(timeout, cancel);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
