using System.Net.Sockets;
using System.Text.Json;
using Cais.Linux;
using Cais.Runtime;
using Cais.Runtime.Cgroups;
using Cais.Runtime.Spec;
using Microsoft.Win32.SafeHandles;

namespace Cais.Engine.Monitor;

/// <summary>
/// `cais monitor`: one per running container, as containerd's shim or conmon. It creates the
/// container with the OCI runtime in-process (so it is the parent of the container's first
/// process and reaps it), holds the process's stdio, writes the log, serves the output to the
/// daemon over a unix socket, and records the exit. It outlives a daemon restart.
/// An exec monitor (<see cref="MonitorOptions.ExecProcessFile"/>) does the same for one process
/// run in an already running container: it starts it on the daemon's Start and never deletes
/// the container.
/// </summary>
public sealed partial class ContainerMonitor
{
    readonly MonitorOptions options;
    readonly OciRuntime runtime;
    readonly IContainerLog log;
    readonly List<MonitorPeer> peers = [];
    readonly Lock peersLock = new();
    Socket? listener;
    ContainerStdio? stdio;
    int initPid;

    ContainerMonitor(MonitorOptions options, IContainerLog log)
    {
        this.options = options;
        this.log = log;
        runtime = new OciRuntime(options.RuntimeRoot, warn: w => Console.Error.WriteLine($"cais monitor {Short}: warning: {w}"), warmedCgroups);
    }

    static CgroupLayout? warmedCgroups;

    /// <summary>
    /// Run by a spare while it waits for its container: the first use of each code path costs
    /// page faults in a new process (a few ms here), so the JSON of the options and of a spec,
    /// and the detection of the host's cgroups, are done now rather than on the start's path.
    /// </summary>
    public static void WarmUp()
    {
        try { WarmUpPaths(); }
        catch (Exception e) when (e is not OutOfMemoryException) { /* only a head start: the launch does it all again */ }
    }

    static void WarmUpPaths()
    {
        var sample = new MonitorOptions { Id = "warm-up", Bundle = "/", RuntimeRoot = "/", SocketPath = "/", ExitFile = "/" };
        _ = MonitorOptions.Parse(JsonSerializer.SerializeToUtf8Bytes(sample, MonitorJsonContext.Default.MonitorOptions), "warm-up");
        _ = SpecLoader.Parse(SpecLoader.Serialize(DefaultSpec.Create(cgroupNamespace: false)), "warm-up");
        warmedCgroups = CgroupLayout.Detect();
    }

    /// <summary>The file beside monitor.json that holds the monitor's pid.</summary>
    public const string PidFileName = "monitor.pid";

    string Short => options.Id[..Math.Min(12, options.Id.Length)];

    bool IsExec => options.ExecProcessFile is not null;

    /// <summary>
    /// Entry point of the monitor role. Its stdout is the report channel to the daemon: one line,
    /// "created" or "error: ...", then EOF. Exit code 0 once the container has run and ended.
    /// </summary>
    public static int Main(string optionsPath, Func<MonitorOptions, IContainerLog> openLog)
    {
        // The monitor's own messages (warnings, traces) go to its stderr as it is now: the daemon's
        // log. Not through .NET's console: its first write sets up the terminal handling, which
        // dups fd 1 and fd 2; done during the create, while they are the container's pipes
        // (WithProcessStdio), the copies would hold the container's output open past its exit.
        var messages = new StreamWriter(new FdWriteStream(Fds.Duplicate(2), "the monitor's stderr")) { AutoFlush = true };
        Console.SetError(messages);
        Console.SetOut(messages);
        MonitorOptions options;
        try
        {
            options = MonitorOptions.Load(optionsPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidDataException)
        {
            Console.Error.WriteLine($"cais monitor: reading its options {optionsPath}: {e.Message}");
            return 1;
        }
        // Beside the options: how the daemon's recovery finds this monitor after a crash when the
        // command line does not name the container (a spare monitor, given its options on stdin).
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(optionsPath))!, PidFileName),
            Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The report channel is fd 1 for now; keep a copy, since fd 1 is about to become the
        // container's stdout for the create.
        int reportFd = Fds.Duplicate(1);
        var report = new StreamWriter(new FileStream(new SafeFileHandle(reportFd, ownsHandle: false), FileAccess.Write, 1)) { AutoFlush = true };
        ContainerMonitor monitor;
        try
        {
            Processes.NewSession();
            Processes.BecomeSubreaper();
            monitor = new ContainerMonitor(options, openLog(options));
            monitor.Create();
        }
        catch (Exception e)
        {
            report.WriteLine("error: " + OneLine(e.Message));
            report.Dispose();
            Fds.Close(reportFd);
            return 1;
        }
        report.WriteLine("created");
        report.Dispose();
        // An exec's Start follows its launch at once, and its Start forks: no thread beside it.
        if (monitor.IsExec) Fds.Close(reportFd);
        else monitor.WatchLauncher(reportFd);
        return monitor.Run();
    }

    static string OneLine(string s) => s.Replace('\n', ' ').Trim();

    void Create()
    {
        stdio = ContainerStdio.Open(options.Tty, options.OpenStdin);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(options.SocketPath)!);
            if (File.Exists(options.SocketPath)) File.Delete(options.SocketPath);
            listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(options.SocketPath));
            File.SetUnixFileMode(options.SocketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            listener.Listen(8);
            if (IsExec) return; // the process starts on the daemon's Start
            initPid = stdio.WithProcessStdio(() => runtime.Create(options.Id, options.Bundle,
                new CreateOptions { ConsoleSocketFd = stdio.ConsoleSocketFd }));
            // Not one of the container's processes: out of its cgroup (its limits, its stats, its
            // freezer), beside the daemon's round trip and the start; joined before Started.
            leavingCgroup = runtime.LeaveContainerCgroupInBackground();
            stdio.AfterCreate();
        }
        catch
        {
            stdio.Dispose();
            listener?.Dispose();
            if (!IsExec) TryDelete();
            throw;
        }
    }

    /// <summary>Waits for the daemon's Start, runs the process, pumps its output until it exits.</summary>
    int Run()
    {
        var first = AcceptStart();
        RuntimeTrace.Mark("monitor: start received");
        if (first is null) return Finish(new ExitRecord { ExitCode = 128 + Signals.SIGKILL, FinishedAt = DateTime.UtcNow, Error = "the daemon went away before start" });
        try
        {
            if (IsExec)
            {
                initPid = stdio!.WithProcessStdio(() => runtime.ExecDetached(options.Id,
                    new ExecOptions { ProcessFile = options.ExecProcessFile, ConsoleSocketFd = stdio.ConsoleSocketFd }));
                stdio.AfterCreate();
                first.Send(FrameType.Pid, System.Text.Encoding.ASCII.GetBytes(initPid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
            else
            {
                runtime.Start(options.Id);
            }
        }
        catch (Exception e)
        {
            first.Send(FrameType.Started, System.Text.Encoding.UTF8.GetBytes(OneLine(e.Message)));
            var code = e is ContainerStartException s ? (s.Errno is Errno.ENOENT ? 127 : 126) : 128;
            return Finish(new ExitRecord { ExitCode = code, FinishedAt = DateTime.UtcNow, Error = OneLine(e.Message) });
        }
        if (!IsExec)
        {
            // Out of the container's cgroup before the daemon hears of the start, so top and stats
            // never see the monitor.
            OutOfContainerCgroup();
        }
        first.Send(FrameType.Started, []);
        RuntimeTrace.Mark("monitor: started sent");
        var pumps = stdio!.StartPumps(Broadcast);
        new Thread(AcceptLoop) { IsBackground = true, Name = "monitor accept" }.Start();
        // Ending the no-GC region the create began brings a collection; right after the start it
        // would hold up seeing a short container's exit. A second later it is off that path (and
        // a container gone by then never pays it: the monitor exits first). The timer's thread
        // costs a few ms to start: after Started, not before.
        if (!IsExec) releaseForkGuard = new Timer(_ => runtime.ReleaseForkGuard(), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        int code2 = ReapUntilInitExits();
        RuntimeTrace.Mark("monitor: exit reaped");
        // The output pipes reach EOF once every process holding them has gone, which the PID
        // namespace guarantees soon after its init died; the timeout guards against a leak.
        foreach (var pump in pumps) pump.Join(TimeSpan.FromSeconds(5));
        bool oom = !IsExec && OomKills.Happened(CgroupPath());
        return Finish(new ExitRecord { ExitCode = code2, FinishedAt = DateTime.UtcNow, OomKilled = oom });
    }

    Timer? releaseForkGuard;

    volatile bool startReceived;

    /// <summary>
    /// Keeps the report pipe open until Start arrives: if the daemon that launched this monitor
    /// dies first, no daemon will ever send it (a restarted one kills such monitors when it sees
    /// them, but a monitor still creating its container may be missed), so the read end closing
    /// ends the wait: the container is deleted and the monitor exits.
    /// </summary>
    void WatchLauncher(int reportFd) => new Thread(() =>
    {
        while (!startReceived)
        {
            if (!Fds.WaitPeerClosed(reportFd, 200)) continue;
            if (!startReceived)
            {
                Console.Error.WriteLine($"cais monitor {Short}: the daemon went away before start");
                listener?.Dispose();
            }
            break;
        }
        Fds.Close(reportFd);
    }) { IsBackground = true, Name = "monitor launcher" }.Start();

    MonitorPeer? AcceptStart()
    {
        while (true)
        {
            Socket conn;
            try { conn = listener!.Accept(); }
            catch (SocketException) { return null; }
            var peer = new MonitorPeer(conn, this);
            var frame = peer.ReadFrame();
            if (frame is { Type: FrameType.Start })
            {
                startReceived = true;
                AddPeer(peer);
                return peer;
            }
            peer.Dispose(); // anything else before start is a confused client
        }
    }

    void AcceptLoop()
    {
        while (true)
        {
            Socket conn;
            try { conn = listener!.Accept(); }
            catch (Exception) { return; }
            var peer = new MonitorPeer(conn, this);
            AddPeer(peer);
        }
    }

    void AddPeer(MonitorPeer peer)
    {
        lock (peersLock) peers.Add(peer);
        peer.StartReading();
    }

    internal void RemovePeer(MonitorPeer peer)
    {
        lock (peersLock) peers.Remove(peer);
        peer.Dispose();
    }

    /// <summary>Output of the container: to the log first, then to every connected daemon.</summary>
    void Broadcast(FrameType stream, ReadOnlySpan<byte> data)
    {
        lock (logLock)
        {
            // Output after Finish (a process of the container that outlived the wait for EOF)
            // has no log left to go to.
            if (logClosed) return;
            log.Write(stream, data);
        }
        MonitorPeer[] now;
        lock (peersLock) now = [.. peers];
        foreach (var p in now)
            if (!p.Send(stream, data)) RemovePeer(p);
    }

    internal void OnInput(FrameType type, byte[] payload)
    {
        switch (type)
        {
            case FrameType.Stdin: stdio!.WriteStdin(payload); break;
            case FrameType.CloseStdin: stdio!.CloseStdin(); break;
            case FrameType.Resize when payload.Length == 4:
                stdio!.Resize((ushort)(payload[0] << 8 | payload[1]), (ushort)(payload[2] << 8 | payload[3]));
                break;
        }
    }

    int ReapUntilInitExits()
    {
        while (true)
        {
            var reaped = Processes.WaitAny();
            if (reaped is null) return 255; // no children: cannot happen while the init lives
            if (reaped.Value.Pid == initPid) return reaped.Value.ExitCode;
        }
    }

    string? CgroupPath()
    {
        try { return runtime.Store.Load(options.Id).CgroupsPath; }
        catch (Exception) { return null; }
    }

    readonly object logLock = new();
    bool logClosed;

    int Finish(ExitRecord exit)
    {
        if (!IsExec) TryDelete();
        stdio?.Dispose();
        lock (logLock)
        {
            logClosed = true;
            try { log.Dispose(); }
            catch (Exception e) { Console.Error.WriteLine($"cais monitor {Short}: closing the log: {e.Message}"); }
        }
        exit.Save(options.ExitFile);
        var payload = exit.ToJson();
        MonitorPeer[] now;
        lock (peersLock) now = [.. peers];
        foreach (var p in now) p.Send(FrameType.Exited, payload);
        RuntimeTrace.Mark("monitor: exit sent");
        foreach (var p in now) p.Dispose();
        listener?.Dispose();
        try { File.Delete(options.SocketPath); }
        catch (IOException) { }
        return 0;
    }

    Thread? leavingCgroup;

    void OutOfContainerCgroup()
    {
        leavingCgroup?.Join();
        leavingCgroup = null;
        runtime.LeaveContainerCgroup(); // when no thread did
        RuntimeTrace.Mark("monitor: out of the container's cgroup");
    }

    void TryDelete()
    {
        OutOfContainerCgroup(); // the delete removes the cgroup: nothing of ours may be in it
        try { runtime.Delete(options.Id, force: true); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"cais monitor {Short}: deleting the container: {e.Message}");
        }
    }
}
