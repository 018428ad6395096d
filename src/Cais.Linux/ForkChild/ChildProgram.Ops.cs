using System.Text;

namespace Cais.Linux.ForkChild;

// One builder method per OpCode; see OpCode for what the child does with the arguments.
public sealed unsafe partial class ChildProgram
{
    public void CloseFd(int fd) => Add(OpCode.CloseFd, $"close fd {fd}", fd);

    public void SetNs(int fd, CloneFlags type, string what) => Add(OpCode.SetNs, $"join {what}", fd, (long)type);

    public void Unshare(CloneFlags flags) => Add(OpCode.Unshare, $"unshare {flags}", (long)flags);

    public void Send(SyncMessage message, int value = 0) => Add(OpCode.Send, $"send {message}", (long)message, value);

    public void Wait(SyncMessage message) => Add(OpCode.Wait, $"wait for {message}", (long)message);

    public void BecomeRoot() => Add(OpCode.BecomeRoot, "become root in the new user namespace");

    public void ForkIntoPidNamespace(CloneFlags extra) =>
        Add(OpCode.ForkIntoPidNamespace, "fork into the PID namespace", (long)extra);

    public void SetParentDeathSignal(int signal) => Add(OpCode.SetParentDeathSignal, $"set the parent death signal to {signal}", signal);

    public void Umask(int mask) => Add(OpCode.Umask, $"set umask {Convert.ToString(mask, 8)}", mask);

    public void SetHostname(string name) => Add(OpCode.SetHostname, $"set hostname {name}", S(name));

    public void SetDomainname(string name) => Add(OpCode.SetDomainname, $"set domainname {name}", S(name));

    public void Mount(string? source, string target, string? fstype, MountFlags flags, string? data, string description) =>
        Add(OpCode.Mount, description, S(source), S(target), S(fstype), (long)flags, S(data));

    public void Open(string path, int flags, int slot, string description) =>
        Add(OpCode.Open, description, S(path), flags, slot);

    public void OpenInRoot(int rootSlot, string path, int flags, long resolve, int slot, string description) =>
        Add(OpCode.OpenInRoot, description, rootSlot, S(CleanInRoot(path)), flags, resolve, slot);

    /// <summary>Creates <paramref name="path"/> inside the root (and its parents) if missing.</summary>
    public void EnsureInRoot(int rootSlot, string path, bool file, string description, int dirMode = 0x1ED /*0755*/, int fileMode = 0x1A4 /*0644*/)
    {
        var (prefixes, names) = SplitInRoot(path);
        if (names.Count == 0) return; // the root itself exists
        Add(OpCode.EnsureInRoot, description, rootSlot, Ss(prefixes), Ss(names), dirMode, file ? 1 : 0, fileMode);
    }

    public void MknodInRoot(int rootSlot, string path, int mode, ulong device, int uid, int gid)
    {
        var (parent, leaf) = ParentAndLeaf(path);
        Add(OpCode.MknodInRoot, $"create device {path}", rootSlot, S(parent), S(leaf), mode, (long)device, uid, gid);
    }

    public void SymlinkInRoot(int rootSlot, string path, string target)
    {
        var (parent, leaf) = ParentAndLeaf(path);
        Add(OpCode.SymlinkInRoot, $"create symlink {path} -> {target}", rootSlot, S(parent), S(leaf), S(target));
    }

    /// <summary>Mounts a new filesystem instance with fsopen/fsconfig/fsmount on the fd in <paramref name="targetSlot"/>.</summary>
    public void MountFs(string fstype, IReadOnlyList<KeyValuePair<string, string?>> options, MountAttr attr,
        int targetSlot, MountFlags propagation, bool recursivePropagation, string description)
    {
        var pairs = new List<string>(options.Count * 2);
        foreach (var (k, v) in options) { pairs.Add(k); pairs.Add(v ?? ""); }
        Add(OpCode.MountFs, description, S(fstype), Ss(pairs), (long)attr, targetSlot, (long)propagation, recursivePropagation ? 1 : 0);
    }

    /// <summary>Bind mounts a path (or, with a null path, the fd in <paramref name="sourceSlot"/>) onto the fd in <paramref name="targetSlot"/>.</summary>
    public void BindMount(string? source, int sourceSlot, bool recursive, MountAttr set, MountAttr clear,
        int targetSlot, MountFlags propagation, bool recursivePropagation, string description) =>
        Add(OpCode.BindMount, description, S(source), sourceSlot, recursive ? 1 : 0, (long)set, targetSlot,
            (long)propagation, recursivePropagation ? 1 : 0, (long)clear);

    public void PivotRoot(int rootSlot, string rootPath) => Add(OpCode.PivotRoot, $"pivot_root into {rootPath}", rootSlot);

    public void MoveRootAndChroot(string rootPath) => Add(OpCode.MoveRootAndChroot, $"move {rootPath} to / and chroot", S(rootPath));

    public void MaskPath(string path) => Add(OpCode.MaskPath, $"mask {path}", S(path), S("tmpfs"), S("/dev/null"));

    public void ReadonlyPath(string path) => Add(OpCode.ReadonlyPath, $"make {path} read-only", S(path));

    public void SetMountAttr(string path, MountAttr set, MountAttr clear, int atFlags, string description) =>
        Add(OpCode.SetMountAttr, description, S(path), (long)set, (long)clear, atFlags);

    public void WriteFile(string path, string content, string description)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        Add(OpCode.WriteFile, description, S(path), Bytes(bytes), bytes.Length);
    }

    public void OpenPtyPeer(int masterSlot, int slaveSlot, int rows, int columns) =>
        Add(OpCode.OpenPtyPeer, "open the terminal's slave side", masterSlot, slaveSlot, rows, columns);

    public void SendFd(int socketFd, int slot, string description) => Add(OpCode.SendFd, description, socketFd, slot);

    public void FchownSlot(int slot, int uid, int gid, string description) => Add(OpCode.FchownSlot, description, slot, uid, gid);

    public void ResolveExecutable(IReadOnlyList<string> candidates, string name) =>
        Add(OpCode.ResolveExecutable,
            name.Contains('/') ? $"exec: \"{name}\": stat {name}" : $"exec: \"{name}\": executable file not found in $PATH",
            Ss(candidates), S(name));

    public void Chdir(string path) => Add(OpCode.Chdir, $"chdir to cwd (\"{path}\")", S(path));

    public void AwaitStart(int listenFd) => Add(OpCode.AwaitStart, "wait for start", listenFd);

    public void DropBoundingSet(ulong keep, int lastCap) =>
        Add(OpCode.DropBoundingSet, "drop capabilities from the bounding set", (long)keep, lastCap);

    public void KeepCaps(bool keep) => Add(OpCode.KeepCaps, keep ? "keep capabilities across setuid" : "stop keeping capabilities", keep ? 1 : 0);

    public void SetGroups(IReadOnlyList<int> gids) => Add(OpCode.SetGroups, $"setgroups [{string.Join(' ', gids)}]", gids.Count, Ints(gids));

    public void SetResGid(int gid) => Add(OpCode.SetResGid, $"setgid {gid}", gid);

    public void SetResUid(int uid) => Add(OpCode.SetResUid, $"setuid {uid}", uid);

    public void Capset(ulong effective, ulong permitted, ulong inheritable) =>
        Add(OpCode.Capset, "set capabilities", (long)effective, (long)permitted, (long)inheritable);

    public void RaiseAmbient(ulong ambient) => Add(OpCode.RaiseAmbient, "raise ambient capabilities", (long)ambient);

    public void NoNewPrivileges() => Add(OpCode.NoNewPrivileges, "set no_new_privs");

    public void SetDumpable(bool dumpable) => Add(OpCode.SetDumpable, "set dumpable", dumpable ? 1 : 0);

    public void Setsid() => Add(OpCode.Setsid, "start a new session");

    public void AttachTerminal(int slot) => Add(OpCode.AttachTerminal, "make the terminal the controlling tty and stdio", slot);

    public void Dup2(int from, int to) => Add(OpCode.Dup2, $"dup fd {from} onto {to}", from, to);

    public void CloseFrom(int firstFd) => Add(OpCode.CloseFrom, $"close fds from {firstFd} on exec", firstFd);

    public void Exec(IReadOnlyList<string> candidates, IReadOnlyList<string> argv, IReadOnlyList<string> envp) =>
        Add(OpCode.Exec, $"exec {(argv.Count > 0 ? argv[0] : "?")}", Ss(candidates), Ss(argv), Ss(envp));

    public void ExecFd(int fd, string path, IReadOnlyList<string> argv, IReadOnlyList<string> envp) =>
        Add(OpCode.ExecFd, $"exec {path}", fd, Ss(argv), Ss(envp));

    public void Exit(int status) => Add(OpCode.Exit, $"exit {status}", status);

    static (string Parent, string Leaf) ParentAndLeaf(string path)
    {
        var (_, names) = SplitInRoot(path);
        if (names.Count == 0) throw new ArgumentException($"{path} names the root itself");
        return (string.Join('/', names.Take(names.Count - 1)), names[^1]);
    }
}
