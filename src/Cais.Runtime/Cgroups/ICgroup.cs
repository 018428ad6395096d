using Cais.Runtime.Spec;

namespace Cais.Runtime.Cgroups;

/// <summary>
/// One container's cgroup, in every hierarchy the host mounts. A whole use:
/// <c>Create</c>, <c>Apply</c> the spec's limits, <c>AddProcess</c> the container's init,
/// later <c>Freeze</c>/<c>Thaw</c> for pause and <c>Pids</c> for top, and at delete
/// <c>KillAll</c> then <c>Destroy</c>. Every method is safe to call again after a crash
/// part-way through (Create and Destroy are idempotent).
/// </summary>
public interface ICgroup
{
    /// <summary>The normalised cgroups path, e.g. "/cais/abc", relative to each hierarchy's root.</summary>
    string Path { get; }

    /// <summary>True while the leaf directory exists in at least one hierarchy.</summary>
    bool Exists { get; }

    /// <summary>mkdir -p in every hierarchy; idempotent.</summary>
    void Create();

    /// <summary>Writes the limits. Returns warnings: requests the host cannot honour but that are not errors.</summary>
    IReadOnlyList<string> Apply(ResourcesSpec? resources);

    /// <summary>Moves process <paramref name="pid"/> (all its threads) into the cgroup in every hierarchy.</summary>
    void AddProcess(int pid);

    /// <summary>Every process in the cgroup itself (not in child cgroups); empty when the cgroup is gone.</summary>
    IReadOnlyList<int> Pids();

    /// <summary>Stops every process in the cgroup and waits until the kernel reports them frozen.</summary>
    void Freeze();

    /// <summary>Lets frozen processes run again.</summary>
    void Thaw();

    /// <summary>SIGKILLs every process and waits until the cgroup is empty; CgroupException after about 10 s.</summary>
    void KillAll();

    /// <summary>
    /// Removes the leaf directory in every hierarchy, retrying while the kernel says EBUSY
    /// (processes still exiting) for about 2 s. Missing directories are fine; parents such
    /// as /cais are never removed.
    /// </summary>
    void Destroy();

    /// <summary>What the container's /sys/fs/cgroup shows, one entry per hierarchy.</summary>
    IReadOnlyList<CgroupMountSource> MountSources { get; }
}
