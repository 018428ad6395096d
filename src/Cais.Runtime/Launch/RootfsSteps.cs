using Cais.Linux;
using Cais.Linux.ForkChild;
using Cais.Runtime.Spec;

namespace Cais.Runtime.Launch;

/// <summary>
/// The mount half of a container's init: the root made a mount point, config.json's mounts in
/// order (bind, filesystem, cgroup), all resolved inside the root, before pivot_root.
/// </summary>
internal static class RootfsSteps
{
    /// <summary>Fd slots every init program uses.</summary>
    internal sealed record SlotSet(int Root, int Target, int Master, int Slave);

    public static void MakeRootMountPoint(ChildProgram p, InitContext c, SlotSet s)
    {
        // The new mount namespace starts as a copy of the host's; make it a slave (or what
        // rootfsPropagation says) so nothing mounted inside can propagate back out.
        var (flag, _) = c.Spec.Linux?.RootfsPropagation is { Length: > 0 } rp
            ? MountOptions.ParsePropagation(rp) : (MountFlags.MS_SLAVE, true);
        var hostPropagation = flag == MountFlags.MS_SHARED ? MountFlags.MS_SLAVE : flag;
        p.Mount(null, "/", null, hostPropagation | MountFlags.MS_REC, null, "make the container's mounts private to it");
        // pivot_root needs the new root to be a mount point.
        p.Mount(c.Rootfs, c.Rootfs, null, MountFlags.MS_BIND | MountFlags.MS_REC, null, $"bind {c.Rootfs} onto itself");
        p.Open(c.Rootfs, Flags.O_PATH | Cais.Linux.Interop.LinuxAbi.Current.ODirectory, s.Root, $"open the root {c.Rootfs}");
    }

    public static void AddMounts(ChildProgram p, InitContext c, SlotSet s)
    {
        foreach (var m in c.Spec.Mounts ?? [])
        {
            var dest = m.Destination.StartsWith('/') ? m.Destination : "/" + m.Destination;
            if (m.Destination.Length == 0) throw new InvalidSpecException("mounts: a mount has no destination");
            var opts = MountOptions.Parse(m.Options, dest);
            var type = m.Type is { Length: > 0 } t ? t : (opts.Bind ? "bind" : null)
                ?? throw new InvalidSpecException($"mount {dest}: type is required (or a bind/rbind option)");
            if (opts.Bind || type == "bind")
                AddBind(p, c, s, m, dest, opts);
            else if (type == "cgroup" || type == "cgroup2")
                AddCgroup(p, c, s, dest, opts);
            else if (type == "sysfs" && !c.Namespaces.Creates(NamespaceKind.Network) && c.Namespaces.Creates(NamespaceKind.User))
                // A user namespace may not mount sysfs for a network namespace it does not own: bind the host's.
                AddBindPath(p, s, "/sys", dest, isDirectory: true, recursive: true, opts, $"bind /sys on {dest}");
            else
                AddFilesystem(p, s, type, m.Source, dest, opts);
        }
    }

    static void AddBind(ChildProgram p, InitContext c, SlotSet s, MountSpec m, string dest, MountOptions opts)
    {
        if (string.IsNullOrEmpty(m.Source)) throw new InvalidSpecException($"mount {dest}: a bind mount needs a source");
        var source = Path.IsPathRooted(m.Source) ? m.Source : Path.GetFullPath(Path.Combine(c.Bundle, m.Source));
        bool isDir = Directory.Exists(source);
        if (!isDir && !File.Exists(source))
            throw new InvalidSpecException($"mount {dest}: source {source} does not exist");
        AddBindPath(p, s, source, dest, isDir, opts.Recursive, opts, $"bind {source} on {dest}");
    }

    internal static void AddBindPath(ChildProgram p, SlotSet s, string source, string dest, bool isDirectory,
        bool recursive, MountOptions opts, string description)
    {
        p.EnsureInRoot(s.Root, dest, file: !isDirectory, $"create mount point {dest}");
        p.OpenInRoot(s.Root, dest, Flags.O_PATH, Flags.RESOLVE_NO_MAGICLINKS, s.Target, $"open mount point {dest}");
        p.BindMount(source, -1, recursive, opts.Set, opts.Clear, s.Target, opts.Propagation, opts.PropagationRecursive, description);
    }

    static void AddFilesystem(ChildProgram p, SlotSet s, string type, string? source, string dest, MountOptions opts)
    {
        // proc and sysfs over a symlink could be steered to a path of the image's choosing
        // (CVE-2019-19921): their mount points must be real directories.
        long resolve = Flags.RESOLVE_NO_MAGICLINKS | (type is "proc" or "sysfs" ? Flags.RESOLVE_NO_SYMLINKS : 0);
        p.EnsureInRoot(s.Root, dest, file: false, $"create mount point {dest}");
        p.OpenInRoot(s.Root, dest, Flags.O_PATH | Cais.Linux.Interop.LinuxAbi.Current.ODirectory, resolve, s.Target, $"open mount point {dest}");
        var data = new List<KeyValuePair<string, string?>>();
        if (!string.IsNullOrEmpty(source)) data.Add(new("source", source));
        data.AddRange(opts.Data);
        p.MountFs(type, data, opts.Set, s.Target, opts.Propagation, opts.PropagationRecursive, $"mount {type} on {dest}");
    }

    /// <summary>
    /// /sys/fs/cgroup shows the container's own cgroups: on v1, a tmpfs with one bind mount per
    /// hierarchy; on v2, a bind of the container's cgroup directory. Bind mounts (rather than a
    /// cgroup filesystem) work with and without a cgroup namespace, and in user namespaces.
    /// </summary>
    static void AddCgroup(ChildProgram p, InitContext c, SlotSet s, string dest, MountOptions opts)
    {
        var sources = c.CgroupMounts;
        var bindOpts = MountOptions.Parse(["nosuid", "nodev", "noexec", opts.ReadOnly ? "ro" : "rw"], dest);
        if (sources.Count == 1 && sources[0].Name.Length == 0)
        {
            AddBindPath(p, s, sources[0].HostDirectory, dest, true, false, bindOpts, $"bind the container's cgroup on {dest}");
            return;
        }
        var tmpfs = MountOptions.Parse(["nosuid", "nodev", "noexec", "mode=755"], dest);
        AddFilesystem(p, s, "tmpfs", "cgroup", dest, tmpfs);
        foreach (var (name, dir) in sources)
        {
            var sub = dest.TrimEnd('/') + "/" + name;
            AddBindPath(p, s, dir, sub, true, false, bindOpts, $"bind cgroup {name} on {sub}");
            // Combined hierarchies ("cpu,cpuacct") are also reachable by each controller's name.
            if (name.Contains(','))
                foreach (var single in name.Split(','))
                    p.SymlinkInRoot(s.Root, dest.TrimEnd('/') + "/" + single, name);
        }
        // The tmpfs must stay writable until the binds are in; it is made read-only after pivot_root.
        if (opts.ReadOnly) c.ReadonlyAfterPivot.Add(dest);
    }
}
