using Cais.Linux;
using Cais.Linux.ForkChild;
using Cais.Runtime.Spec;

namespace Cais.Runtime.Launch;

/// <summary>What the parent must do while an init program runs.</summary>
/// <summary>
/// What the parent must do while an init program runs. <see cref="CloneFlags"/>: namespaces the
/// process is cloned into directly (the common case: nothing joined by path); otherwise the
/// program joins and unshares them itself and forks into the PID namespace.
/// </summary>
internal sealed record InitLayout(bool ForksIntoPidNamespace, bool NewUserNamespace, CloneFlags CloneFlags, List<string> Warnings);

/// <summary>
/// Composes a container's init program. The child is either cloned straight into its new
/// namespaces, or (when some are joined by path) joins those, creates the user namespace,
/// waits for its id maps, unshares the rest and forks into the new PID namespace. Then it sets
/// up the root (mounts, /dev, console), stops for hooks, pivots, sets sysctls, read-only and
/// masked paths, reports "created", waits for start, drops privileges and execs.
/// </summary>
internal static class InitProgram
{
    public static (ChildProgram Program, InitLayout Layout) Build(InitContext c, ResolvedProcess proc)
    {
        var spec = c.Spec;
        var ns = c.Namespaces;
        var p = new ChildProgram();
        try
        {
            var s = new RootfsSteps.SlotSet(p.NewSlot(), p.NewSlot(), p.NewSlot(), p.NewSlot());
            // Nothing in the container may open this process's /proc files (its exe is the cais binary).
            p.SetDumpable(false);
            p.SetParentDeathSignal(Signals.SIGKILL);
            bool newUser = ns.Creates(NamespaceKind.User);
            var joins = JoinSteps.OpenPaths(p, ns);
            // Nothing to join: clone into every new namespace at once (PID 1 from the start, no
            // second fork). Joins must come first, so then the program joins, unshares and forks.
            var cloneFlags = joins.Count == 0 ? ns.NewFlags(except: CloneFlags.CLONE_NEWCGROUP) : CloneFlags.None;
            JoinSteps.AddJoins(p, joins);
            if (newUser && cloneFlags == CloneFlags.None) p.Unshare(CloneFlags.CLONE_NEWUSER);
            p.Send(SyncMessage.ReadyForSetup);
            p.Wait(SyncMessage.Go);
            if (newUser) p.BecomeRoot();
            bool fork = false;
            if (cloneFlags == CloneFlags.None)
            {
                var unshare = ns.NewFlags(except: CloneFlags.CLONE_NEWUSER | CloneFlags.CLONE_NEWCGROUP);
                if (unshare != CloneFlags.None) p.Unshare(unshare);
                fork = ns.Has(NamespaceKind.Pid);
                if (fork)
                {
                    p.ForkIntoPidNamespace(CloneFlags.CLONE_PARENT);
                    p.SetParentDeathSignal(Signals.SIGKILL); // cleared by fork
                }
            }
            p.Umask(0);

            RootfsSteps.MakeRootMountPoint(p, c, s);
            RootfsSteps.AddMounts(p, c, s);
            DeviceSteps.Add(p, c, s);
            p.EnsureInRoot(s.Root, spec.Process!.Cwd, file: false, $"create cwd {spec.Process.Cwd}");
            if (spec.Process.Terminal) DeviceSteps.AddConsole(p, c, s);
            // The parent has been moving us into the container's cgroup meanwhile. The new
            // cgroup namespace must be rooted there, and hooks see the process in place.
            p.Wait(SyncMessage.CgroupJoined);
            if (ns.Creates(NamespaceKind.Cgroup)) p.Unshare(CloneFlags.CLONE_NEWCGROUP);
            if (c.StopForHooks)
            {
                p.Send(SyncMessage.HooksPoint);
                p.Wait(SyncMessage.Continue);
            }
            if (c.NoPivot) p.MoveRootAndChroot(c.Rootfs);
            else p.PivotRoot(s.Root, c.Rootfs);
            if (spec.Linux?.RootfsPropagation is { Length: > 0 } rp)
            {
                var (flag, rec) = MountOptions.ParsePropagation(rp);
                p.Mount(null, "/", null, flag | (rec ? MountFlags.MS_REC : 0), null, $"set / propagation to {rp}");
            }
            // Sysctls first: /proc/sys is usually among the read-only paths. Then read-only
            // paths, then masks (runc's order).
            foreach (var (key, value) in spec.Linux?.Sysctl ?? [])
                p.WriteFile("/proc/sys/" + key.Replace('.', '/'), value, $"set sysctl {key}={value}");
            foreach (var path in spec.Linux?.ReadonlyPaths ?? []) p.ReadonlyPath(path);
            foreach (var path in spec.Linux?.MaskedPaths ?? []) p.MaskPath(path);
            foreach (var path in c.ReadonlyAfterPivot)
                p.SetMountAttr(path, MountAttr.MOUNT_ATTR_RDONLY, MountAttr.None, 0, $"make {path} read-only");
            if (!string.IsNullOrEmpty(spec.Hostname)) p.SetHostname(spec.Hostname);
            if (!string.IsNullOrEmpty(spec.Domainname)) p.SetDomainname(spec.Domainname);
            if (spec.Root!.Readonly) p.SetMountAttr("/", MountAttr.MOUNT_ATTR_RDONLY, MountAttr.None, 0, "make the root read-only");
            p.ResolveExecutable(proc.Candidates, proc.ExecutableDescription);
            p.Chdir(spec.Process.Cwd);
            p.SetParentDeathSignal(0); // the init outlives `create`
            p.Send(SyncMessage.Created);
            p.AwaitStart(c.StartListenFd);
            ProcessSteps.AddFinal(p, proc, spec.Process.Terminal ? s.Slave : -1, c.PreserveFds);
            return (p, new InitLayout(fork, newUser, cloneFlags, proc.Capabilities.Warnings));
        }
        catch
        {
            p.Dispose();
            throw;
        }
    }
}
