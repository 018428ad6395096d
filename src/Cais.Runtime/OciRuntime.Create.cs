using Cais.Linux;
using Cais.Linux.ForkChild;
using Cais.Runtime.Cgroups;
using Cais.Runtime.Hooks;
using Cais.Runtime.Launch;
using Cais.Runtime.Spec;
using Cais.Runtime.State;

namespace Cais.Runtime;

public sealed record CreateOptions
{
    public string? ConsoleSocket { get; init; }
    /// <summary>An already-connected console socket (used by `run` to proxy the terminal itself).</summary>
    public int ConsoleSocketFd { get; init; } = -1;
    public string? PidFile { get; init; }
    public bool NoPivot { get; init; }
    public int PreserveFds { get; init; }
}

public sealed partial class OciRuntime
{
    /// <summary>
    /// Creates a container from a bundle: everything but the user's process, which waits for
    /// `start`. On any failure nothing is left: no process, cgroup, state directory or socket.
    /// </summary>
    public int Create(string id, string bundle, CreateOptions o)
    {
        RuntimeTrace.Mark("create: begin");
        StateStore.ValidateId(id);
        bundle = Path.GetFullPath(bundle);
        if (!Directory.Exists(bundle)) throw new InvalidSpecException($"bundle {bundle} is not a directory");
        return Create(id, bundle, SpecLoader.LoadBundle(bundle, out var text), text, o);
    }

    /// <summary>Create with config.json already read (from an absolute bundle path).</summary>
    int Create(string id, string bundle, RuntimeSpec spec, string configJson, CreateOptions o)
    {
        SpecValidator.ValidateForCreate(spec, bundle);
        var rootfs = SpecValidator.RootfsOf(spec, bundle);
        var ns = NamespacePlan.From(spec);
        var process = ProcessSteps.Resolve(spec.Process!, rootfs);
        bool terminal = spec.Process!.Terminal;
        if (terminal && o.ConsoleSocket is null && o.ConsoleSocketFd < 0)
            throw new InvalidSpecException("process.terminal is true: --console-socket is required to receive the terminal");
        if (!terminal && o.ConsoleSocket is not null)
            throw new InvalidSpecException("--console-socket was given but process.terminal is false");
        foreach (var w in process.Capabilities.Warnings) warn(w);
        if (store.Exists(id)) throw new ContainerExistsException(id);
        var cgroupLayoutNow = cgroupLayout.Value;
        var cgroup = Cgroup.Open(cgroupLayoutNow, spec.Linux?.CgroupsPath, id);

        RuntimeTrace.Mark("create: config checked");
        store.CreateDir(id);
        var state = new ContainerState
        {
            Id = id, Bundle = bundle, Rootfs = rootfs, Created = DateTime.UtcNow, Phase = Phases.Creating,
            CgroupsPath = cgroup.Path, Owner = "root", Annotations = spec.Annotations, Namespaces = ns.Names(),
            HasLifecycleHooks = spec.Hooks?.StartContainer is { Count: > 0 } || spec.Hooks?.Poststart is { Count: > 0 }
                || spec.Hooks?.Poststop is { Count: > 0 },
        };
        int consoleFd = -1, listenFd = -1;
        ChildProcess? child = null;
        try
        {
            store.SaveConfig(id, configJson);
            store.Save(state);
            RuntimeTrace.Mark("create: state saved");
            cgroup.Create();
            // Every limit but pids before the fork: the parent must do as little as possible
            // while a fork child shares its memory (each page it writes is copied then).
            var resources = DeviceRules.WithRuntimeDefaults(spec.Linux?.Resources, spec.Linux?.Devices);
            foreach (var w in cgroup.Apply(ResourceSplit.WithoutPids(resources))) warn(w);
            consoleFd = o.ConsoleSocket is not null ? UnixSockets.Connect(o.ConsoleSocket) : -1;
            listenFd = UnixSockets.Listen(store.StartSocketOf(id));
            var hooks = spec.Hooks;
            var ctx = new InitContext
            {
                Spec = spec, Bundle = bundle, Rootfs = rootfs, Namespaces = ns,
                CgroupMounts = [.. cgroup.MountSources.Select(m => (m.Name, m.HostDirectory))],
                ConsoleSocketFd = consoleFd >= 0 ? consoleFd : o.ConsoleSocketFd,
                StartListenFd = listenFd, NoPivot = o.NoPivot, PreserveFds = o.PreserveFds,
                StopForHooks = hooks?.Prestart is { Count: > 0 } || hooks?.CreateRuntime is { Count: > 0 } || hooks?.CreateContainer is { Count: > 0 },
            };
            RuntimeTrace.Mark("create: cgroup ready");
            var (program, layout) = InitProgram.Build(ctx, process);
            // No collection while the init shares this process's memory, which lasts until it
            // execs: through `start` when this process runs it too, else until this process exits.
            initSharesMemory ??= new NoGcScope();
            using (program)
            {
                RuntimeTrace.Mark("create: program built");
                child = StartInCgroup(program, cgroup, layout.CloneFlags);
                RuntimeTrace.Mark("create: forked");
                Fds.Close(listenFd); // the init holds it now
                listenFd = -1;
                RunInitHandshake(child, spec, state, cgroup, layout, process);
                // The pids limit once the container's processes are forked: the runtime's own
                // threads count while it is inside, and a small limit would stop those forks.
                foreach (var w in cgroup.Apply(ResourceSplit.PidsOnly(resources))) warn(w);
            }
            // Read once the init is blocked waiting for start: /proc/PID/stat of a process busy
            // creating namespaces can take milliseconds to read.
            state.PidStartTime = ProcFs.StartTime(state.Pid) ?? 0;
            state.Phase = Phases.Created;
            store.Save(state);
            WritePidFile(o.PidFile, state.Pid);
            RuntimeTrace.Mark("create: done");
            return state.Pid;
        }
        catch
        {
            LeaveContainerCgroup(); // never kill or count ourselves
            Abort(state, child, cgroup);
            throw;
        }
        finally
        {
            child?.Dispose();
            Fds.Close(consoleFd);
            Fds.Close(listenFd);
        }
    }

    /// <summary>
    /// The parent's half of the init's set-up: set its rlimits and write its id maps when it
    /// asks, learn the pid of the process that continues in the new PID namespace (when it had
    /// to fork into it), tell it that it is in its cgroup (it was born there), run the hooks at
    /// the hooks point, and wait for "created".
    /// </summary>
    void RunInitHandshake(ChildProcess child, RuntimeSpec spec, ContainerState state, ICgroup cgroup, InitLayout layout, ResolvedProcess process)
    {
        var channel = child.Channel;
        channel.Expect(SyncMessage.ReadyForSetup);
        ProcessSteps.ApplyRlimits(process, child.Pid);
        if (layout.NewUserNamespace) IdMaps.Write(child.Pid, spec.Linux!.UidMappings, spec.Linux.GidMappings);
        if (spec.Process!.OomScoreAdj is int adj) WriteOomScoreAdj(child.Pid, adj);
        channel.Send(SyncMessage.Go);
        int initPid = child.Pid;
        if (layout.ForksIntoPidNamespace)
        {
            initPid = ExpectOrExplain(channel, SyncMessage.ChildPid, child.Pid, 0).Value;
            Processes.WaitExitCode(child.Pid); // the intermediate process has done its part
        }
        // The init was born in its cgroup (see StartInCgroup). No state save here: every
        // process of the container is found there, which is all `delete --force` needs after a
        // create killed midway.
        channel.Send(SyncMessage.CgroupJoined);
        RuntimeTrace.Mark("create: init placed in its cgroup");
        var msg = ExpectOrExplain(channel, null, child.Pid, initPid);
        if (msg.Message == SyncMessage.HooksPoint)
        {
            LeaveContainerCgroup(); // hooks are processes of the runtime, not of the container
            RunCreateHooks(spec, state, initPid);
            channel.Send(SyncMessage.Continue);
            msg = ExpectOrExplain(channel, null, child.Pid, initPid);
        }
        if (msg.Message != SyncMessage.Created)
            throw new ContainerCreateException($"unexpected message {msg.Message} from the container's init");
        RuntimeTrace.Mark("create: init reports created");
        state.Pid = initPid;
    }

    /// <summary>
    /// Held from a container's fork on (see NoGcScope): the init shares this process's memory
    /// until it execs. `cais runtime` is short-lived, so the region simply lasts until it exits;
    /// were the budget ever exceeded, the GC ends the region by itself.
    /// </summary>
    NoGcScope? initSharesMemory;

    /// <summary>
    /// Ends the no-GC region a create began. A long-lived caller (the container monitor) calls
    /// it once the container's process has exec'd, i.e. after <see cref="Start"/>.
    /// </summary>
    public void ReleaseForkGuard()
    {
        initSharesMemory?.Dispose();
        initSharesMemory = null;
    }

    /// <summary>Where this process was before it moved into a container's cgroup; null when it is home.</summary>
    CgroupMembership? home;

    /// <summary>
    /// Forks a container's first process inside its cgroup: this process moves itself in and
    /// forks, so the child is born there and never migrated (see <see cref="CgroupMembership"/>).
    /// It stays inside: moving back right after a fork would cost the grace period the move
    /// saved. `create` exits anyway; `run` moves back off the critical path
    /// (<see cref="LeaveContainerCgroupInBackground"/>); anything that must not happen inside
    /// (hooks, killing the container) calls <see cref="LeaveContainerCgroup"/> first.
    /// </summary>
    ChildProcess StartInCgroup(ChildProgram program, ICgroup cgroup, CloneFlags namespaces)
    {
        int self = Processes.CurrentPid;
        home ??= CgroupMembership.Of(cgroupLayout.Value, self);
        cgroup.AddProcess(self);
        return ChildLauncher.Start(program, namespaces);
    }

    /// <summary>
    /// Moves this process back to the cgroups it came from, after a create (see
    /// <see cref="StartInCgroup"/>). A long-lived caller (the container monitor) must: inside, its
    /// own threads would count against the container's pids limit and its allocations against
    /// the container's memory.
    /// </summary>
    public void LeaveContainerCgroup()
    {
        var h = Interlocked.Exchange(ref home, null);
        h?.Restore(Processes.CurrentPid);
    }

    /// <summary>
    /// <see cref="LeaveContainerCgroup"/> on a plain thread (the task machinery costs a
    /// millisecond to start on this path); join it before anything that needs this process out.
    /// A cgroup v1 migration just after a fork waits for an RCU grace period (3-8 ms here): begun
    /// right after the create, it overlaps the start.
    /// </summary>
    public Thread? LeaveContainerCgroupInBackground()
    {
        if (home is null) return null;
        var thread = new Thread(LeaveContainerCgroup) { IsBackground = true, Name = "leave cgroup" };
        thread.Start();
        return thread;
    }

    /// <summary>The next message (of the given type, if one is given); an init that died says how.</summary>
    static SyncRecord ExpectOrExplain(SyncChannel channel, SyncMessage? expected, int setupPid, int initPid)
    {
        var msg = channel.Receive() ?? throw new ContainerCreateException(
            $"the container's init exited during set-up ({ExitDescription(setupPid, initPid)})");
        if (expected is { } e && msg.Message != e)
            throw new ContainerCreateException($"expected {e} from the container's init, got {msg.Message}");
        return msg;
    }

    void RunCreateHooks(RuntimeSpec spec, ContainerState state, int initPid)
    {
        state.Pid = initPid;
        var doc = Describe(state) with { };
        doc.Status = ContainerStatus.Creating.ToSpecString();
        doc.Pid = initPid;
        HookRunner.Run(spec.Hooks?.Prestart, "prestart", doc, HookPlace.Runtime);
        HookRunner.Run(spec.Hooks?.CreateRuntime, "createRuntime", doc, HookPlace.Runtime);
        HookRunner.Run(spec.Hooks?.CreateContainer, "createContainer", doc, new HookPlace(initPid, state.Namespaces, ResolvePathInRuntime: true));
    }

    static void WriteOomScoreAdj(int pid, int adj)
    {
        try { File.WriteAllText($"/proc/{pid}/oom_score_adj", adj.ToString()); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidSpecException($"process.oomScoreAdj: cannot set {adj} ({e.Message}; lowering it needs CAP_SYS_RESOURCE)");
        }
    }

    static string ExitDescription(int setupPid, int initPid)
    {
        int pid = initPid != 0 ? initPid : setupPid;
        var code = Processes.TryReap(pid);
        return code switch { null => "still running", -1 => "already reaped", >= 128 => $"killed by {Signals.Name(code.Value - 128)}", _ => $"exit status {code}" };
    }

    /// <summary>Undoes a failed create completely.</summary>
    void Abort(ContainerState state, ChildProcess? child, ICgroup cgroup)
    {
        foreach (var pid in new[] { state.Pid, child?.Pid ?? 0 }.Where(p => p > 0).Distinct())
        {
            Processes.Signal(pid, Signals.SIGKILL); // both are our children (the init via CLONE_PARENT)
            Processes.TryReap(pid);
        }
        try { cgroup.KillAll(); } catch (Exception e) when (e is CgroupException or IOException) { warn(e.Message); }
        foreach (var pid in new[] { state.Pid, child?.Pid ?? 0 }.Where(p => p > 0).Distinct())
        {
            // Both are our children (the init via CLONE_PARENT): reap them so none lingers as a zombie.
            for (int i = 0; i < 200 && Processes.TryReap(pid) is null; i++) Thread.Sleep(5);
        }
        try { cgroup.Destroy(); } catch (Exception e) when (e is CgroupException or IOException) { warn(e.Message); }
        try { store.Remove(state.Id); } catch (IOException e) { warn(e.Message); }
    }
}

/// <summary>Creating a container failed for a reason other than its config (an init that died, a protocol error).</summary>
public sealed class ContainerCreateException(string message) : Exception(message);
