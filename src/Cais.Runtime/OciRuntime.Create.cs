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
        StateStore.ValidateId(id);
        bundle = Path.GetFullPath(bundle);
        if (!Directory.Exists(bundle)) throw new InvalidSpecException($"bundle {bundle} is not a directory");
        var spec = SpecLoader.LoadBundle(bundle);
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

        store.CreateDir(id);
        var state = new ContainerState
        {
            Id = id, Bundle = bundle, Rootfs = rootfs, Created = DateTime.UtcNow, Phase = Phases.Creating,
            CgroupsPath = cgroup.Path, Owner = "root", Annotations = spec.Annotations, Namespaces = ns.Names(),
        };
        int consoleFd = -1, listenFd = -1;
        ChildProcess? child = null;
        try
        {
            store.SaveConfig(id, spec);
            store.Save(state);
            cgroup.Create();
            foreach (var w in cgroup.Apply(DeviceRules.WithRuntimeDefaults(spec.Linux?.Resources, spec.Linux?.Devices))) warn(w);
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
            var (program, layout) = InitProgram.Build(ctx, process);
            using (program)
            {
                child = ChildLauncher.Start(program);
                Fds.Close(listenFd); // the init holds it now
                listenFd = -1;
                state.SetupPid = child.Pid;
                state.SetupPidStartTime = ProcFs.StartTime(child.Pid) ?? 0;
                store.Save(state);
                RunInitHandshake(child, spec, state, cgroup, layout);
            }
            state.PidStartTime = ProcFs.StartTime(state.Pid) ?? 0;
            state.Phase = Phases.Created;
            store.Save(state);
            WritePidFile(o.PidFile, state.Pid);
            return state.Pid;
        }
        catch
        {
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
    /// The parent's half of the init's set-up: place it in its cgroup and write its id maps
    /// when it asks, learn the pid of the process that continues in the new PID namespace,
    /// run the hooks at the hooks point, and wait for "created".
    /// </summary>
    void RunInitHandshake(ChildProcess child, RuntimeSpec spec, ContainerState state, ICgroup cgroup, InitLayout layout)
    {
        var channel = child.Channel;
        channel.Expect(SyncMessage.ReadyForSetup);
        cgroup.AddProcess(child.Pid);
        if (layout.NewUserNamespace) IdMaps.Write(child.Pid, spec.Linux!.UidMappings, spec.Linux.GidMappings);
        if (spec.Process!.OomScoreAdj is int adj) WriteOomScoreAdj(child.Pid, adj);
        channel.Send(SyncMessage.Go);

        int initPid = layout.ForksIntoPidNamespace ? 0 : child.Pid;
        bool hooksPending = false, created = false;
        while (!created || initPid == 0)
        {
            var msg = channel.Receive() ?? throw new ContainerCreateException(
                $"the container's init exited during set-up ({ExitDescription(child.Pid, initPid)})");
            switch (msg.Message)
            {
                case SyncMessage.ChildPid:
                    initPid = msg.Value;
                    state.Pid = initPid;
                    state.PidStartTime = ProcFs.StartTime(initPid) ?? 0;
                    store.Save(state);
                    Processes.WaitExitCode(child.Pid); // the intermediate process has done its part
                    break;
                case SyncMessage.HooksPoint:
                    hooksPending = true;
                    break;
                case SyncMessage.Created:
                    created = true;
                    break;
                default:
                    throw new ContainerCreateException($"unexpected message {msg.Message} from the container's init");
            }
            if (hooksPending && initPid != 0)
            {
                hooksPending = false;
                RunCreateHooks(spec, state, initPid);
                channel.Send(SyncMessage.Continue);
            }
        }
        state.Pid = initPid;
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
            Processes.Signal(pid, Signals.SIGKILL);
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
