using Cais.Engine.Containers;
using Cais.Engine.Errors;
using Cais.Engine.Exec;
using Cais.Engine.Monitor;
using Cais.Runtime.Spec;

namespace Cais.Engine;

// Exec: a process started in a running container by a monitor of its own (`cais monitor` in
// exec mode), which holds its stdio and reaps it, as the container's monitor does for the
// container's first process. The daemon never forks into a container itself.
public sealed partial class Engine
{
    readonly Lock execsLock = new();
    readonly Dictionary<string, ExecInstance> execs = [];

    /// <summary>POST /containers/{id}/exec: records what to run; nothing runs until <see cref="StartExec"/>.</summary>
    public ExecInstance CreateExec(string idOrName, ExecConfig config)
    {
        var c = Get(idOrName);
        if (config.Cmd.Count == 0 || config.Cmd.All(string.IsNullOrEmpty)) throw new InvalidParameterException("No exec command specified");
        CheckCanExec(c);
        var exec = new ExecInstance(ContainerNames.NewId(), c.Id, config);
        lock (execsLock) execs[exec.Id] = exec;
        Events.Container("exec_create: " + string.Join(' ', config.Cmd), c, new Dictionary<string, string> { ["execID"] = exec.Id });
        return exec;
    }

    public ExecInstance GetExec(string id)
    {
        lock (execsLock)
            if (execs.TryGetValue(id, out var exec)) return exec;
        throw new NotFoundException($"No such exec instance: {id}");
    }

    /// <summary>The execs of a container whose process runs now (inspect's ExecIDs).</summary>
    public List<string> RunningExecsOf(string containerId)
    {
        lock (execsLock) return [.. execs.Values.Where(e => e.ContainerId == containerId && e.Running).Select(e => e.Id)];
    }

    static void CheckCanExec(Container c)
    {
        var status = c.Record.State.Status;
        if (status == "paused") throw new ConflictException($"Container {c.Id} is paused, unpause the container before exec");
        if (status == "restarting") throw new ConflictException($"Container {c.Id} is restarting, wait until the container is running");
        if (status != "running") throw new ConflictException($"container {c.Id} is not running");
    }

    /// <summary>
    /// Runs the exec's process and returns once it runs; its output then goes to
    /// <paramref name="output"/> (null: dropped, as for a detached exec) until it exits, when
    /// <see cref="ExecInstance.Exited"/> completes.
    /// </summary>
    public async Task StartExec(string execId, Func<FrameType, ReadOnlyMemory<byte>, ValueTask>? output, CancellationToken cancel = default)
    {
        var exec = GetExec(execId);
        lock (execsLock)
        {
            if (exec.Running) throw new ConflictException($"Error: Exec command {exec.Id} is already running");
            if (exec.Started) throw new ConflictException($"Error: Exec command {exec.Id} has already run");
            exec.Started = true;
        }
        LaunchedMonitor? monitor = null;
        MonitorConnection? connection = null;
        var dir = Path.Combine(ExecDir(exec.ContainerId), "exec", exec.Id);
        try
        {
            var c = Get(exec.ContainerId);
            CheckCanExec(c);
            var spec = SpecLoader.LoadBundle(ExecDir(c.Id));
            var process = ExecProcess.Build(spec, exec.Config, c.Record.HostConfig.GroupAdd);
            Directory.CreateDirectory(dir);
            var processFile = Path.Combine(dir, "process.json");
            File.WriteAllText(processFile, SpecLoader.SerializeProcess(process));
            var options = new MonitorOptions
            {
                Id = c.Id, Bundle = ExecDir(c.Id), RuntimeRoot = RuntimeRoot, ExecProcessFile = processFile,
                SocketPath = ExecSocketOf(exec.Id), ExitFile = Path.Combine(dir, "exit.json"),
                Tty = exec.Config.Tty, OpenStdin = exec.Config.AttachStdin,
            };
            var optionsPath = Path.Combine(dir, "monitor.json");
            options.Save(optionsPath);
            monitor = await monitors.LaunchAsync(optionsPath, cancel);
            connection = await MonitorConnection.ConnectAsync(options.SocketPath, cancel);
            exec.Pid = await connection.StartAsync(cancel);
        }
        catch (Exception e)
        {
            if (connection is not null) await connection.DisposeAsync();
            if (monitor is not null) await monitor.Process.WaitForExitAsync(CancellationToken.None);
            TryQuietly(() => Directory.Delete(dir, recursive: true));
            exec.ExitCode = e is MonitorStartException && e.Message.Contains("no such file or directory", StringComparison.OrdinalIgnoreCase) ? 127 : 126;
            exec.SignalExit(exec.ExitCode.Value);
            if (e is MonitorStartException) throw new StartFailedException(DockerStyleExecError(e.Message));
            throw;
        }
        exec.Connection = connection;
        exec.Running = true;
        PublishExecEvent(exec, "exec_start: " + string.Join(' ', exec.Config.Cmd));
        _ = Task.Run(() => FollowExec(exec, connection, monitor, dir, output));
    }

    async Task FollowExec(ExecInstance exec, MonitorConnection connection, LaunchedMonitor monitor, string dir,
        Func<FrameType, ReadOnlyMemory<byte>, ValueTask>? output)
    {
        var exit = await connection.PumpAsync(output ?? ((_, _) => ValueTask.CompletedTask));
        await connection.DisposeAsync();
        await monitor.Process.WaitForExitAsync();
        monitor.Process.Dispose();
        exit ??= ExitRecord.TryLoad(Path.Combine(dir, "exit.json"));
        TryQuietly(() => Directory.Delete(dir, recursive: true));
        exec.Connection = null;
        exec.ExitCode = exit?.ExitCode ?? 255;
        exec.Running = false;
        PublishExecEvent(exec, "exec_die", exec.ExitCode.Value);
        exec.SignalExit(exec.ExitCode.Value);
    }

    /// <summary>An exec event of the exec's container (none when the container is gone meanwhile).</summary>
    void PublishExecEvent(ExecInstance exec, string action, int? exitCode = null)
    {
        Container? c;
        lock (containersLock) containers.TryGetValue(exec.ContainerId, out c);
        if (c is null) return;
        var attributes = new Dictionary<string, string> { ["execID"] = exec.Id };
        if (exitCode is { } code) attributes["exitCode"] = code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Events.Container(action, c, attributes);
    }

    public async Task ResizeExec(string execId, ushort rows, ushort columns, CancellationToken cancel = default)
    {
        var exec = GetExec(execId);
        var connection = exec.Connection ?? throw new ConflictException($"Exec {execId} is not running");
        if (exec.Config.Tty) await connection.ResizeAsync(rows, columns, cancel);
    }

    /// <summary>Client input for a running exec's stdin; an empty write closes it.</summary>
    public async Task WriteExecStdin(ExecInstance exec, ReadOnlyMemory<byte> data, CancellationToken cancel = default)
    {
        var connection = exec.Connection;
        if (connection is null) return;
        if (data.IsEmpty) await connection.CloseStdinAsync(cancel);
        else await connection.WriteStdinAsync(data, cancel);
    }

    /// <summary>Forgets the exec instances of a removed container.</summary>
    void ForgetExecsOf(string containerId)
    {
        lock (execsLock)
            foreach (var id in execs.Values.Where(e => e.ContainerId == containerId).Select(e => e.Id).ToList())
                execs.Remove(id);
    }

    /// <summary>EXEC/s/xID23.sock: an exec monitor's socket, beside the containers' (see <see cref="MonitorSocketOf"/>).</summary>
    string ExecSocketOf(string execId) => Path.Combine(Options.ExecRoot, "s", "x" + execId[..23] + ".sock");

    /// <summary>As Docker words a failed exec start, so the docker CLI maps it to 126 or 127.</summary>
    static string DockerStyleExecError(string runtimeMessage) =>
        $"OCI runtime exec failed: exec failed: {GoStyleErrno().Replace(runtimeMessage, m => m.Groups[1].Value.ToLowerInvariant())}: unknown";
}
