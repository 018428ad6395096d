using Cais.Linux;
using Cais.Runtime.Cgroups;
using Cais.Runtime.Hooks;
using Cais.Runtime.Spec;
using Cais.Runtime.State;

namespace Cais.Runtime;

public sealed partial class OciRuntime
{
    /// <summary>
    /// Deletes a container: its processes (a created container's init, or with force a running
    /// one), its cgroup, its state. Afterwards no process, cgroup or state directory is left,
    /// including after a `create` that was killed midway.
    /// </summary>
    public void Delete(string id, bool force)
    {
        RuntimeTrace.Mark("delete: begin");
        LeaveContainerCgroup(); // never kill or count ourselves
        ContainerState state;
        try { state = store.Load(id); }
        catch (ContainerNotFoundException) when (force) { return; }
        var status = StatusOf(state);
        if (status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Creating && !force)
            throw new ContainerStateException($"cannot delete container {id} that is not stopped: {status.ToSpecString()}");
        RuntimeSpec? spec = null;
        if (state.HasLifecycleHooks || state.CgroupsPath.Length == 0)
        {
            try { spec = store.LoadConfig(id); } catch (Exception e) when (e is IOException or InvalidSpecException) { }
        }
        var cgroup = CgroupOf(state, spec);
        if (status == ContainerStatus.Paused) cgroup.Thaw();
        if (state.Pid > 0 && ProcFs.IsAlive(state.Pid, state.PidStartTime)) Processes.Signal(state.Pid, Signals.SIGKILL);
        try { cgroup.KillAll(); }
        catch (CgroupException e) { throw new ContainerStateException($"cannot delete container {id}: {e.Message}"); }
        if (state.Pid > 0 && !Processes.WaitGone(state.Pid, state.PidStartTime, TimeSpan.FromSeconds(10)))
            throw new ContainerStateException($"cannot delete container {id}: its init (pid {state.Pid}) does not die");
        Processes.TryReap(state.Pid);
        RuntimeTrace.Mark("delete: processes gone");
        cgroup.Destroy();
        if (state.Phase == Phases.Created && spec is not null)
        {
            var doc = Describe(state);
            doc.Status = ContainerStatus.Stopped.ToSpecString();
            foreach (var w in HookRunner.RunAll(spec.Hooks?.Poststop, "poststop", doc, HookPlace.Runtime)) warn(w);
        }
        store.Remove(id);
        RuntimeTrace.Mark("delete: done");
    }
}
