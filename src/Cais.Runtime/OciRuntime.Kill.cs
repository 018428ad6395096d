using Cais.Linux;
using Cais.Runtime.State;

namespace Cais.Runtime;

public sealed partial class OciRuntime
{
    /// <summary>Sends a signal to the container's init, or with <paramref name="all"/> to every process in its cgroup.</summary>
    public void Kill(string id, int signal, bool all)
    {
        var state = store.Load(id);
        var status = StatusOf(state);
        if (status is ContainerStatus.Stopped or ContainerStatus.Creating && !all)
            throw new ContainerStateException($"container {id} is not running");
        if (all)
        {
            var cgroup = CgroupOf(state, null);
            foreach (var pid in cgroup.Pids()) Processes.Signal(pid, signal);
            return;
        }
        // The start time check makes sure a recycled pid is never signalled.
        if (!ProcFs.IsAlive(state.Pid, state.PidStartTime) || !Processes.Signal(state.Pid, signal))
            throw new ContainerStateException($"container {id} is not running");
    }
}
