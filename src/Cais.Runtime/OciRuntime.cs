using Cais.Linux;
using Cais.Runtime.Cgroups;
using Cais.Runtime.Spec;
using Cais.Runtime.State;

namespace Cais.Runtime;

/// <summary>
/// The OCI runtime (`cais runtime`): create, start, state, kill, delete, exec, run, list, ps,
/// over a state directory. One partial file per verb.
/// </summary>
public sealed partial class OciRuntime
{
    readonly StateStore store;
    readonly Lazy<CgroupLayout> cgroupLayout;
    readonly Action<string> warn;

    /// <param name="cgroups">The host's cgroup layout when already known (detected ahead by a
    /// spare monitor); detected on first use otherwise.</param>
    public OciRuntime(string stateRoot, Action<string>? warn = null, CgroupLayout? cgroups = null)
    {
        store = new StateStore(stateRoot);
        cgroupLayout = cgroups is null ? new Lazy<CgroupLayout>(CgroupLayout.Detect) : new Lazy<CgroupLayout>(cgroups);
        this.warn = warn ?? (w => Console.Error.WriteLine($"cais runtime: warning: {w}"));
    }

    public StateStore Store => store;

    ICgroup CgroupOf(ContainerState state, RuntimeSpec? spec) =>
        Cgroup.Open(cgroupLayout.Value, state.CgroupsPath.Length > 0 ? state.CgroupsPath : spec?.Linux?.CgroupsPath, state.Id);

    /// <summary>The status the runtime-spec defines, derived from the process rather than trusted from disk.</summary>
    public ContainerStatus StatusOf(ContainerState s)
    {
        if (s.Phase == Phases.Creating)
        {
            // A create in progress (or killed midway): its processes, if any, are in its cgroup.
            try { return CgroupOf(s, null).Pids().Count > 0 ? ContainerStatus.Creating : ContainerStatus.Stopped; }
            catch (CgroupException) { return ContainerStatus.Stopped; }
        }
        if (s.Pid <= 0 || !ProcFs.IsAlive(s.Pid, s.PidStartTime)) return ContainerStatus.Stopped;
        if (File.Exists(store.StartSocketOf(s.Id))) return ContainerStatus.Created;
        return IsFrozen(s) ? ContainerStatus.Paused : ContainerStatus.Running;
    }

    bool IsFrozen(ContainerState s)
    {
        var stat = ProcFs.ReadStat(s.Pid);
        if (stat is not { State: 'D' or 'S' or 'T' }) return false;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{s.Pid}/cgroup"))
            {
                var parts = line.Split(':', 3);
                if (parts.Length < 3) continue;
                var file = parts[1] == "freezer" ? $"/sys/fs/cgroup/freezer{parts[2]}/freezer.state"
                    : parts[0] == "0" && parts[1].Length == 0 ? $"/sys/fs/cgroup{parts[2]}/cgroup.freeze" : null;
                if (file is null || !File.Exists(file)) continue;
                var v = File.ReadAllText(file).Trim();
                return v is "FROZEN" or "1";
            }
        }
        catch (IOException) { }
        return false;
    }

    public StateDocument Describe(ContainerState s)
    {
        var status = StatusOf(s);
        return new StateDocument
        {
            Id = s.Id,
            Pid = status is ContainerStatus.Stopped ? 0 : s.Pid,
            Status = status.ToSpecString(),
            Bundle = s.Bundle,
            Rootfs = s.Rootfs,
            Created = s.Created,
            Owner = s.Owner,
            Annotations = s.Annotations,
        };
    }

    void WritePidFile(string? pidFile, int pid)
    {
        if (string.IsNullOrEmpty(pidFile)) return;
        var full = Path.GetFullPath(pidFile);
        var tmp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + ".tmp");
        File.WriteAllText(tmp, pid.ToString());
        File.Move(tmp, full, overwrite: true);
    }
}
