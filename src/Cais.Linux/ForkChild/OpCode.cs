namespace Cais.Linux.ForkChild;

/// <summary>
/// The operations a fork child can perform. Arguments (A..H) are described on each member:
/// "str" is a NUL-terminated UTF-8 pointer, "strs" a NULL-terminated array of them, "slot" an
/// index into the child's fd slots (fds the child itself opened earlier).
/// </summary>
public enum OpCode
{
    End = 0,
    /// <summary>A=fd. Errors are ignored.</summary>
    CloseFd,
    /// <summary>A=fd of a namespace file, B=CLONE_NEW* type.</summary>
    SetNs,
    /// <summary>A=CLONE_NEW* flags.</summary>
    Unshare,
    /// <summary>A=SyncMessage type, B=value. Sent on the sync socket.</summary>
    Send,
    /// <summary>A=SyncMessage type expected from the parent. EOF (parent gone) exits silently.</summary>
    Wait,
    /// <summary>setresgid(0,0,0) and setresuid(0,0,0): become root of a new user namespace.</summary>
    BecomeRoot,
    /// <summary>
    /// Fork so that the child enters the PID namespace set up earlier. A=extra clone flags
    /// (CLONE_PARENT). The intermediate process sends ChildPid and exits 0.
    /// </summary>
    ForkIntoPidNamespace,
    /// <summary>A=signal delivered when the parent dies (0 clears it).</summary>
    SetParentDeathSignal,
    /// <summary>A=mask.</summary>
    Umask,
    /// <summary>A=str name. sethostname.</summary>
    SetHostname,
    /// <summary>A=str name. setdomainname.</summary>
    SetDomainname,
    /// <summary>A=str source|0, B=str target, C=str fstype|0, D=MS_* flags, E=str data|0. Classic mount(2).</summary>
    Mount,
    /// <summary>A=str path, B=open flags, C=slot. open(2) into a slot.</summary>
    Open,
    /// <summary>A=root slot, B=str relative path, C=open flags, D=RESOLVE_* (IN_ROOT is always added), E=slot.</summary>
    OpenInRoot,
    /// <summary>
    /// Create a path inside the root if missing. A=root slot, B=strs prefixes ("a", "a/b", ...),
    /// C=strs component names, D=mode, E=0 for a directory leaf, 1 for an empty file leaf.
    /// </summary>
    EnsureInRoot,
    /// <summary>
    /// A=root slot, B=str relative path of the parent directory ("" for the root), C=str leaf
    /// name, D=mode incl. S_IFCHR/S_IFBLK/S_IFIFO, E=device number, F=uid, G=gid.
    /// </summary>
    MknodInRoot,
    /// <summary>A=root slot, B=str relative parent directory, C=str leaf, D=str link target.</summary>
    SymlinkInRoot,
    /// <summary>
    /// New filesystem mount with the fd-based API. A=str fstype, B=strs option pairs
    /// (key, value or "" for a flag, ...), C=MOUNT_ATTR_* flags, D=target slot,
    /// E=propagation MS_* (0 to leave), F=1 if the propagation is recursive.
    /// </summary>
    MountFs,
    /// <summary>
    /// Bind mount. A=str source path or 0, B=source slot when A is 0 (-1 none), C=1 recursive,
    /// D=MOUNT_ATTR_* to set, E=target slot, F=propagation MS_* (0 to leave), G=1 recursive propagation.
    /// </summary>
    BindMount,
    /// <summary>A=root slot. fchdir, pivot_root(".", "."), detach the old root, chdir("/").</summary>
    PivotRoot,
    /// <summary>A=str root path. MS_MOVE the root onto "/" and chroot (runc's --no-pivot).</summary>
    MoveRootAndChroot,
    /// <summary>A=str absolute path. A missing path is skipped; a directory gets a read-only tmpfs, anything else /dev/null.</summary>
    MaskPath,
    /// <summary>A=str absolute path. A missing path is skipped; otherwise bound read-only onto itself, recursively.</summary>
    ReadonlyPath,
    /// <summary>A=str path, B=MOUNT_ATTR_* to set, C=MOUNT_ATTR_* to clear, D=AT_* flags. mount_setattr.</summary>
    SetMountAttr,
    /// <summary>A=str path, B=pointer to bytes, C=length. open O_WRONLY|O_TRUNC and write.</summary>
    WriteFile,
    /// <summary>A=master slot (an open ptmx), B=slave slot to fill, C=rows, D=columns (0 = leave).</summary>
    OpenPtyPeer,
    /// <summary>A=socket fd, B=slot whose fd is sent with SCM_RIGHTS.</summary>
    SendFd,
    /// <summary>A=slot, B=uid, C=gid.</summary>
    FchownSlot,
    /// <summary>A=strs candidate paths; the first existing executable regular file is chosen. B=str name for messages.</summary>
    ResolveExecutable,
    /// <summary>A=str path.</summary>
    Chdir,
    /// <summary>A=listening socket fd. Blocks in accept; the connection becomes the error channel.</summary>
    AwaitStart,
    /// <summary>A=bitmask of capabilities to keep (0..63), B=cap_last_cap. Drops the rest from the bounding set.</summary>
    DropBoundingSet,
    /// <summary>A=0 or 1. PR_SET_KEEPCAPS.</summary>
    KeepCaps,
    /// <summary>A=count, B=pointer to int gids.</summary>
    SetGroups,
    /// <summary>A=gid.</summary>
    SetResGid,
    /// <summary>A=uid.</summary>
    SetResUid,
    /// <summary>A=effective, B=permitted, C=inheritable (bitmasks).</summary>
    Capset,
    /// <summary>A=bitmask of ambient capabilities to raise.</summary>
    RaiseAmbient,
    /// <summary>PR_SET_NO_NEW_PRIVS.</summary>
    NoNewPrivileges,
    /// <summary>A=0 or 1.</summary>
    SetDumpable,
    /// <summary>setsid.</summary>
    Setsid,
    /// <summary>A=slot of a tty: make it the controlling terminal and stdin/stdout/stderr.</summary>
    AttachTerminal,
    /// <summary>A=from fd, B=to fd.</summary>
    Dup2,
    /// <summary>A=first fd: every fd from it up is marked close-on-exec.</summary>
    CloseFrom,
    /// <summary>A=strs candidates (the one ResolveExecutable chose is used, else the first), B=strs argv, C=strs envp.</summary>
    Exec,
    /// <summary>A=fd of an executable (opened in the runtime's namespace), B=strs argv, C=strs envp.</summary>
    ExecFd,
    /// <summary>A=exit status.</summary>
    Exit,
}
