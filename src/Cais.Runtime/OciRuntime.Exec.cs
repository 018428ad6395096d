using Cais.Linux;
using Cais.Linux.ForkChild;
using Cais.Runtime.Launch;
using Cais.Runtime.Spec;
using Cais.Runtime.State;
using Cais.Runtime.Terminal;

namespace Cais.Runtime;

public sealed record ExecOptions
{
    /// <summary>A process.json (runtime-spec "process"); when set, the other process fields are ignored.</summary>
    public string? ProcessFile { get; init; }
    public IReadOnlyList<string> Args { get; init; } = [];
    public bool Tty { get; init; }
    public bool Detach { get; init; }
    public string? ConsoleSocket { get; init; }
    /// <summary>A connected console socket the caller holds (instead of <see cref="ConsoleSocket"/>'s path); not closed.</summary>
    public int ConsoleSocketFd { get; init; } = -1;
    public string? PidFile { get; init; }
    public string? Cwd { get; init; }
    public IReadOnlyList<string> Env { get; init; } = [];
    /// <summary>"uid" or "uid:gid".</summary>
    public string? User { get; init; }
    public IReadOnlyList<uint> AdditionalGids { get; init; } = [];
    public IReadOnlyList<string> AddCapabilities { get; init; } = [];
    public bool NoNewPrivileges { get; init; }
    public int PreserveFds { get; init; }
}

public sealed partial class OciRuntime
{
    /// <summary>
    /// Runs a new process in a running container, joined to all its namespaces and its cgroup.
    /// Returns its exit status (in the foreground) or 0 once it started (detached).
    /// </summary>
    public int Exec(string id, ExecOptions o)
    {
        var (pid, proxyFd) = StartExec(id, o);
        if (o.Detach) return 0;
        return WaitForeground(pid, proxyFd);
    }

    /// <summary>
    /// Starts a process in a running container and returns its pid without waiting for it (a
    /// monitor reaps it as a subreaper). A terminal goes to <see cref="ExecOptions.ConsoleSocketFd"/>.
    /// </summary>
    public int ExecDetached(string id, ExecOptions o) => StartExec(id, o with { Detach = true }).Pid;

    (int Pid, int ProxyFd) StartExec(string id, ExecOptions o)
    {
        var state = store.Load(id);
        var status = StatusOf(state);
        if (status is not (ContainerStatus.Running or ContainerStatus.Created))
            throw new ContainerStateException($"cannot exec in container {id}: it is {status.ToSpecString()}");
        var spec = store.LoadConfig(id);
        var process = o.ProcessFile is not null
            ? SpecLoader.ParseProcess(File.ReadAllText(o.ProcessFile), o.ProcessFile)
            : ExecProcessFrom(spec.Process!, o);
        SpecValidator.ValidateProcessExtras(process);
        var resolved = ProcessSteps.Resolve(process, state.Rootfs);
        bool hasConsoleSocket = o.ConsoleSocket is not null || o.ConsoleSocketFd >= 0;
        if (process.Terminal && !hasConsoleSocket && o.Detach)
            throw new InvalidSpecException("a terminal for a detached exec needs --console-socket");
        if (!process.Terminal && hasConsoleSocket)
            throw new InvalidSpecException("--console-socket was given but the process has no terminal");

        int consoleFd = -1, proxyFd = -1;
        if (process.Terminal)
        {
            if (o.ConsoleSocketFd >= 0) consoleFd = Fds.Duplicate(o.ConsoleSocketFd);
            else if (o.ConsoleSocket is not null) consoleFd = UnixSockets.Connect(o.ConsoleSocket);
            else (proxyFd, consoleFd) = UnixSockets.Pair();
        }
        ChildProcess? child = null;
        int pid = 0;
        try
        {
            var (program, forks) = ExecProgram.Build(new ExecProgram.Options(state.Pid, state.Namespaces, consoleFd, o.PreserveFds), resolved);
            var cgroup = CgroupOf(state, spec);
            using var noGc = new NoGcScope();
            using (program) child = ChildLauncher.Start(program);
            child.Channel.Expect(SyncMessage.ReadyForSetup);
            ProcessSteps.ApplyRlimits(resolved, child.Pid);
            if (process.OomScoreAdj is int adj) WriteOomScoreAdj(child.Pid, adj);
            child.Channel.Send(SyncMessage.Go);
            pid = child.Pid;
            if (forks)
            {
                pid = child.Channel.Expect(SyncMessage.ChildPid).Value;
                Processes.WaitExitCode(child.Pid);
            }
            // exec migrates its process (rather than forking it inside, as create does): the
            // runtime's own threads must not count against a running container's pids limit.
            cgroup.AddProcess(pid);
            child.Channel.Send(SyncMessage.CgroupJoined);
            child.Channel.Receive(); // EOF: the process exec'd (its end of the socket is close-on-exec)
        }
        catch
        {
            if (pid > 0) { Processes.Signal(pid, Signals.SIGKILL); Processes.TryReap(pid); }
            if (child is not null) { Processes.Signal(child.Pid, Signals.SIGKILL); Processes.TryReap(child.Pid); }
            Fds.Close(proxyFd);
            throw;
        }
        finally
        {
            child?.Dispose();
            Fds.Close(consoleFd);
        }
        WritePidFile(o.PidFile, pid);
        return (pid, proxyFd);
    }

    /// <summary>Waits for a foreground process, forwarding signals to it and proxying its terminal.</summary>
    int WaitForeground(int pid, int proxyFd)
    {
        TerminalProxy? proxy = null;
        try
        {
            if (proxyFd >= 0) proxy = new TerminalProxy(UnixSockets.ReceiveFd(proxyFd));
            using var forward = new SignalForwarder(pid);
            int code = Processes.WaitExitCode(pid);
            proxy?.Drain();
            return code;
        }
        finally
        {
            proxy?.Dispose();
            Fds.Close(proxyFd);
        }
    }

    /// <summary>runc's exec: the container's process section, with the command line's overrides.</summary>
    static ProcessSpec ExecProcessFrom(ProcessSpec base_, ExecOptions o)
    {
        if (o.Args.Count == 0) throw new InvalidSpecException("exec needs a command (or --process)");
        var p = new ProcessSpec
        {
            Terminal = o.Tty,
            Args = [.. o.Args],
            Env = [.. base_.Env ?? [], .. o.Env],
            Cwd = o.Cwd ?? base_.Cwd,
            User = new UserSpec { Uid = base_.User.Uid, Gid = base_.User.Gid, Umask = base_.User.Umask, AdditionalGids = base_.User.AdditionalGids },
            Capabilities = base_.Capabilities,
            Rlimits = base_.Rlimits,
            NoNewPrivileges = base_.NoNewPrivileges || o.NoNewPrivileges,
            ApparmorProfile = base_.ApparmorProfile,
            OomScoreAdj = base_.OomScoreAdj,
            SelinuxLabel = base_.SelinuxLabel,
        };
        if (o.User is { Length: > 0 } user)
        {
            var parts = user.Split(':');
            if (!uint.TryParse(parts[0], out var uid) || (parts.Length > 1 && !uint.TryParse(parts[1], out _)) || parts.Length > 2)
                throw new InvalidSpecException($"--user must be UID[:GID] with numbers: \"{user}\"");
            p.User.Uid = uid;
            if (parts.Length > 1) p.User.Gid = uint.Parse(parts[1]);
        }
        if (o.AdditionalGids.Count > 0) p.User.AdditionalGids = [.. o.AdditionalGids];
        if (o.AddCapabilities.Count > 0)
        {
            var c = base_.Capabilities ?? new CapabilitiesSpec();
            List<string> Add(List<string>? set) => [.. (set ?? []).Union(o.AddCapabilities)];
            p.Capabilities = new CapabilitiesSpec
            {
                Bounding = Add(c.Bounding), Effective = Add(c.Effective), Permitted = Add(c.Permitted),
                Inheritable = c.Inheritable, Ambient = c.Ambient,
            };
        }
        return p;
    }
}
