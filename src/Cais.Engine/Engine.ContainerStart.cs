using Cais.Engine.Containers;
using Cais.Engine.Errors;
using Cais.Engine.Monitor;
using Cais.Linux;
using Cais.Runtime;
using Cais.Runtime.Spec;

namespace Cais.Engine;

// Start: mount the root, write the bundle, launch the monitor, run the process; then follow it
// until it exits, and apply the restart policy.
public sealed partial class Engine
{
    public async Task StartContainer(string idOrName, CancellationToken cancel = default)
    {
        var c = Get(idOrName);
        StartFailedException? failedWithRm = null;
        await c.Gate.WaitAsync(cancel);
        try
        {
            if (c.Record.State.Running) throw new NotModifiedException("container already started");
            if (c.Record.State.Status == "removing") throw new ConflictException($"cannot start container {c.Id}: it is being removed");
            c.Record.ManuallyStopped = false;
            await StartLocked(c, cancel);
        }
        catch (StartFailedException e) when (c.Record.HostConfig.AutoRemove)
        {
            failedWithRm = e;
        }
        finally
        {
            c.Gate.Release();
        }
        if (failedWithRm is null) return;
        // --rm: a container that could not start is removed too (docker run waits for that).
        await RemoveContainer(c.Id, force: true, removeVolumes: true, CancellationToken.None);
        c.SignalExit(new ExitInfo(c.Record.State.ExitCode, NullIfEmpty(c.Record.State.Error)));
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failedWithRm);
    }

    async Task StartLocked(Container c, CancellationToken cancel)
    {
        var id = c.Id;
        var exec = ExecDir(id);
        LaunchedMonitor? monitor = null;
        MonitorConnection? connection = null;
        string rootfs;
        try
        {
            RuntimeTrace.Mark("daemon start: begin");
            rootfs = MountRoot(id);
            RuntimeTrace.Mark("daemon start: root mounted");
            if (Directory.Exists(exec)) Directory.Delete(exec, recursive: true);
            Directory.CreateDirectory(exec);
            var dir = ContainerDir(id);
            var init = c.Record.HostConfig.Init ?? Options.DefaultInit ? InitBinary.Find(Options.InitPath) : null;
            var spec = SpecBuilder.Build(c.Record, new SpecBuilder.Paths(rootfs, Path.Combine(dir, "hostname"),
                Path.Combine(dir, "hosts"), Path.Combine(dir, "resolv.conf"), "/cais/" + id, init));
            File.WriteAllText(Path.Combine(exec, "config.json"), SpecLoader.Serialize(spec));
            var options = new MonitorOptions
            {
                Id = id, Bundle = exec, RuntimeRoot = RuntimeRoot, SocketPath = MonitorSocketOf(id),
                ExitFile = Path.Combine(exec, "exit.json"),
                LogPath = c.Record.HostConfig.LogConfig?.Type == "none" ? null : LogPathOf(id),
                LogOptions = c.Record.HostConfig.LogConfig?.Config ?? [],
                Tty = c.Record.Config.Tty, OpenStdin = c.Record.Config.OpenStdin,
            };
            var optionsPath = Path.Combine(exec, "monitor.json");
            options.Save(optionsPath);
            RuntimeTrace.Mark("daemon start: bundle written");
            monitor = await monitors.LaunchAsync(optionsPath, cancel);
            RuntimeTrace.Mark("daemon start: the monitor created the container");
            connection = await MonitorConnection.ConnectAsync(options.SocketPath, cancel);
            // Subscribers (attach before start) must see the first byte: the pump starts
            // reading right after the process runs, and the monitor sends nothing before.
            await connection.StartAsync(cancel);
            RuntimeTrace.Mark("daemon start: started");
        }
        catch (Exception e)
        {
            if (connection is not null) await connection.DisposeAsync();
            if (monitor is not null) await monitor.Process.WaitForExitAsync(CancellationToken.None);
            UnmountRoot(id);
            var message = e is MonitorStartException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            var exit = ExitRecord.TryLoad(Path.Combine(exec, "exit.json"));
            c.Record.State.Error = message;
            c.Record.State.ExitCode = exit?.ExitCode ?? (message.Contains("no such file or directory", StringComparison.OrdinalIgnoreCase) ? 127 : 128);
            if (c.Record.HasBeenStarted) c.Record.State.Status = "exited";
            Save(c);
            throw new StartFailedException(DockerStyleStartError(message));
        }

        var state = c.Record.State;
        state.Status = "running";
        state.Pid = InitPidOf(id);
        state.ExitCode = 0;
        state.Error = "";
        state.OomKilled = false;
        state.StartedAt = DateTime.UtcNow;
        c.Record.HasBeenStarted = true;
        c.Record.MonitorPid = monitor.Pid;
        c.Record.MonitorStartTime = ProcFs.StartTime(monitor.Pid) ?? 0;
        c.Connection = connection;
        StartHealthChecks(c);
        Save(c);
        Events.Container("start", c);
        c.Pump = Task.Run(() => Follow(c, connection, monitor));
        RuntimeTrace.Mark("daemon start: recorded");
    }

    /// <summary>
    /// The message Docker gives when the process cannot be executed; the docker CLI turns
    /// "no such file or directory" / "executable file not found" into exit code 127, and
    /// "permission denied" into 126.
    /// </summary>
    static string DockerStyleStartError(string runtimeMessage) =>
        $"failed to create task for container: failed to create shim task: OCI runtime create failed: {GoStyleErrno().Replace(runtimeMessage, m => m.Groups[1].Value.ToLowerInvariant())}: unknown";

    /// <summary>"ENOENT (No such file or directory)" → "no such file or directory", as Go's errors read (and the docker CLI matches).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\bE[A-Z0-9]+ \(([^)]*)\)")]
    private static partial System.Text.RegularExpressions.Regex GoStyleErrno();

    int InitPidOf(string id)
    {
        try { return runtime.Store.Load(id).Pid; }
        catch (Exception) { return 0; }
    }

    /// <summary>Mounts the container's root (an overlay of its image's layers) and returns its path.</summary>
    string MountRoot(string id)
    {
        var m = Images.Snapshots.MountsOf(id);
        if (!m.IsOverlay) return m.Source; // no image layers: the upper directory is the root
        var merged = Images.Snapshots.MergedDir(id);
        if (!Mounts.IsMountPoint(merged)) OverlayMount.Mount(m.LowerDirs, m.UpperDir, m.WorkDir, m.Options, merged);
        return merged;
    }

    void UnmountRoot(string id)
    {
        try
        {
            var merged = Images.Snapshots.MergedDir(id);
            if (Mounts.IsMountPoint(merged)) OverlayMount.Unmount(merged, detach: true);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"cais daemon: unmounting the root of {id[..12]}: {e.Message}");
        }
    }

    /// <summary>Pumps the output of one run to subscribers until the exit, then records it.</summary>
    async Task Follow(Container c, MonitorConnection connection, LaunchedMonitor? monitor)
    {
        var exit = await connection.PumpAsync(c.Publish);
        RuntimeTrace.Mark("daemon exit: received");
        await connection.DisposeAsync();
        if (monitor is not null) await monitor.Process.WaitForExitAsync();
        else await WaitGone(c.Record.MonitorPid, c.Record.MonitorStartTime);
        exit ??= ExitRecord.TryLoad(Path.Combine(ExecDir(c.Id), "exit.json"))
                 ?? new ExitRecord { ExitCode = 255, FinishedAt = DateTime.UtcNow, Error = "the container's monitor died" };
        await OnExit(c, exit);
    }

    static async Task WaitGone(int pid, ulong startTime)
    {
        while (pid > 0 && ProcFs.IsAlive(pid, startTime)) await Task.Delay(20);
    }

    async Task OnExit(Container c, ExitRecord exit)
    {
        bool restart, remove;
        var ranFor = DateTime.UtcNow - (c.Record.State.StartedAt ?? DateTime.UtcNow);
        await c.Gate.WaitAsync();
        try
        {
            var state = c.Record.State;
            state.Status = "exited";
            state.Pid = 0;
            state.ExitCode = exit.ExitCode;
            state.OomKilled = exit.OomKilled;
            state.FinishedAt = exit.FinishedAt;
            if (exit.Error is not null) state.Error = exit.Error;
            c.Record.MonitorPid = 0;
            c.Connection = null;
            StopHealthChecks(c);
            UnmountRoot(c.Id);
            RuntimeTrace.Mark("daemon exit: root unmounted");
            TryQuietly(() => Directory.Delete(ExecDir(c.Id), recursive: true));
            RuntimeTrace.Mark("daemon exit: bundle deleted");
            remove = c.Record.HostConfig.AutoRemove;
            restart = !remove && ShouldRestart(c.Record, exit.ExitCode);
            if (restart)
            {
                c.Record.RestartCount++;
                state.Status = "restarting";
            }
            Save(c);
        }
        finally
        {
            c.Gate.Release();
        }
        RuntimeTrace.Mark("daemon exit: recorded");
        PublishExit(c, exit, ranFor);
        c.CompleteSubscribers();
        c.SignalExit(new ExitInfo(exit.ExitCode, exit.Error));
        if (remove)
        {
            try { await RemoveContainer(c.Id, force: true, removeVolumes: true); }
            catch (NotFoundException) { } // removed by the user meanwhile
        }
        else if (restart)
        {
            _ = RestartLater(c);
        }
    }

    /// <summary>"oom" when the kernel killed it for memory, then "die" with the exit code and how long it ran (whole seconds).</summary>
    void PublishExit(Container c, ExitRecord exit, TimeSpan ranFor)
    {
        if (exit.OomKilled) Events.Container("oom", c);
        var attributes = new Dictionary<string, string>
        {
            ["exitCode"] = exit.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["execDuration"] = ((long)Math.Max(0, ranFor.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (exit.OomKilled) attributes["oomKilled"] = "true";
        Events.Container("die", c, attributes);
    }

    static bool ShouldRestart(ContainerRecord r, int exitCode)
    {
        if (r.ManuallyStopped) return false;
        var policy = r.HostConfig.RestartPolicy;
        return policy?.Name switch
        {
            "always" or "unless-stopped" => true,
            "on-failure" => exitCode != 0 && (policy.MaximumRetryCount <= 0 || r.RestartCount < policy.MaximumRetryCount),
            _ => false,
        };
    }

    /// <summary>Docker's back-off: 100 ms doubling per consecutive restart, at most a minute.</summary>
    async Task RestartLater(Container c)
    {
        var delay = TimeSpan.FromMilliseconds(Math.Min(60_000, 100 * Math.Pow(2, Math.Min(c.Record.RestartCount - 1, 10))));
        await Task.Delay(delay);
        await c.Gate.WaitAsync();
        try
        {
            if (c.Record.State.Status != "restarting" || c.Record.ManuallyStopped) return;
            await StartLocked(c, CancellationToken.None);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"cais daemon: restarting {c.Record.Name}: {e.Message}");
            c.Record.State.Status = "exited";
            Save(c);
        }
        finally
        {
            c.Gate.Release();
        }
    }
}

/// <summary>The container's process could not be started (HTTP 400 for a missing or non-executable file, as Docker).</summary>
public sealed class StartFailedException(string message) : InvalidParameterException(message);
