using Cais.Runtime.State;

namespace Cais.Runtime;

public sealed partial class OciRuntime
{
    /// <summary>
    /// Freezes every process of a running container (runc pause): the cgroup freezer stops them
    /// where they are, without a signal they could see. Returns once the kernel reports the
    /// cgroup frozen; a freeze that does not complete is undone and throws.
    /// </summary>
    public void Pause(string id)
    {
        var state = store.Load(id);
        var status = StatusOf(state);
        if (status == ContainerStatus.Paused) throw new ContainerStateException($"container {id} is already paused");
        if (status != ContainerStatus.Running) throw new ContainerStateException($"container {id} is not running: {status.ToSpecString()}");
        CgroupOf(state, null).Freeze();
    }

    /// <summary>Lets a paused container's processes run again (runc resume).</summary>
    public void Resume(string id)
    {
        var state = store.Load(id);
        var status = StatusOf(state);
        if (status != ContainerStatus.Paused) throw new ContainerStateException($"container {id} is not paused: {status.ToSpecString()}");
        CgroupOf(state, null).Thaw();
    }

    /// <summary>Thaws the container's cgroup whatever its state: a signal sent to a frozen process waits until it runs.</summary>
    public void Thaw(string id) => CgroupOf(store.Load(id), null).Thaw();
}
