using Cais.Runtime.Cgroups;
using Cais.Runtime.Spec;
using Cais.Runtime.State;

namespace Cais.Runtime;

public sealed partial class OciRuntime
{
    /// <summary>
    /// Writes new limits to a live container's cgroup (runc update): only what
    /// <paramref name="resources"/> sets is written. Returns the warnings of limits the host
    /// cannot honour; a value the kernel refuses throws a CgroupException naming the file.
    /// </summary>
    public IReadOnlyList<string> Update(string id, ResourcesSpec resources)
    {
        var state = store.Load(id);
        if (StatusOf(state) is ContainerStatus.Stopped) throw new ContainerStateException($"container {id} is not running");
        return CgroupOf(state, null).Apply(resources);
    }

    /// <summary>The container's cgroup, as "/a/b" below each hierarchy's root.</summary>
    public string CgroupPathOf(string id)
    {
        var state = store.Load(id);
        return CgroupPath.Normalize(state.CgroupsPath.Length > 0 ? state.CgroupsPath : null, id);
    }

    /// <summary>The cgroup hierarchies this host mounts.</summary>
    public CgroupLayout CgroupLayout => cgroupLayout.Value;
}
