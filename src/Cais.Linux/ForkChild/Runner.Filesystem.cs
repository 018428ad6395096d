namespace Cais.Linux.ForkChild;

// Filesystem ops of the child: paths inside the container root, mounts, pivot_root, masks.
// Every path inside the root is resolved with openat2(RESOLVE_IN_ROOT), so neither a symlink
// nor ".." in the image can lead a mount or a device node outside the root.
internal static unsafe partial class Runner
{
    static int EnsureInRoot(ProgramHeader* h, Op* op, out int errno)
    {
        int root = h->Slots[op->A];
        byte** prefixes = (byte**)op->B;
        byte** names = (byte**)op->C;
        int parent = root;
        for (int i = 0; prefixes[i] != null; i++)
        {
            bool leaf = prefixes[i + 1] == null;
            bool wantFile = leaf && op->E == 1;
            int flags = Flags.O_PATH | (wantFile ? 0 : h->Abi.ODirectory);
            long resolve = Flags.RESOLVE_NO_MAGICLINKS;
            int fd = OpenAt2(h, root, prefixes[i], flags, resolve);
            if (fd < 0 && Raw.Errno == Errno.ENOENT)
            {
                if (wantFile)
                {
                    int f = Raw.openat(parent, names[i], Flags.O_CREAT | Flags.O_EXCL | Flags.O_WRONLY | Flags.O_CLOEXEC | h->Abi.ONoFollow, (int)op->F);
                    if (f >= 0) Raw.close(f);
                    else if (Raw.Errno != Errno.EEXIST) { int e = Raw.Errno; CloseIfNot(parent, root); errno = e; return (int)ChildStep.openat; }
                }
                else if (Raw.mkdirat(parent, names[i], (int)op->D) < 0 && Raw.Errno != Errno.EEXIST)
                {
                    int e = Raw.Errno; CloseIfNot(parent, root); errno = e; return (int)ChildStep.mkdirat;
                }
                fd = OpenAt2(h, root, prefixes[i], flags, resolve);
            }
            if (fd < 0) { int e = Raw.Errno; CloseIfNot(parent, root); errno = e; return (int)ChildStep.openat2; }
            CloseIfNot(parent, root);
            parent = fd;
        }
        CloseIfNot(parent, root);
        errno = 0;
        return 0;
    }

    static void CloseIfNot(int fd, int keep)
    {
        if (fd != keep && fd >= 0) Raw.close(fd);
    }

    /// <summary>Opens the directory <paramref name="relParent"/> inside the root ("" is the root itself).</summary>
    static int OpenParentInRoot(ProgramHeader* h, int root, byte* relParent) =>
        *relParent == 0 ? root : OpenAt2(h, root, relParent, Flags.O_PATH | h->Abi.ODirectory, Flags.RESOLVE_NO_MAGICLINKS);

    static int MknodInRoot(ProgramHeader* h, Op* op, out int errno)
    {
        int root = h->Slots[op->A];
        int dir = OpenParentInRoot(h, root, (byte*)op->B);
        if (dir < 0) return Err(ChildStep.openat2, out errno);
        int step = 0;
        errno = 0;
        if (Raw.mknodat(dir, (byte*)op->C, (int)op->D, (ulong)op->E) < 0 && Raw.Errno != Errno.EEXIST)
            step = Err(ChildStep.mknodat, out errno);
        else if (Raw.fchownat(dir, (byte*)op->C, (int)op->F, (int)op->G, Flags.AT_SYMLINK_NOFOLLOW) < 0)
            step = Err(ChildStep.fchownat, out errno);
        CloseIfNot(dir, root);
        return step;
    }

    static int SymlinkInRoot(ProgramHeader* h, Op* op, out int errno)
    {
        int root = h->Slots[op->A];
        int dir = OpenParentInRoot(h, root, (byte*)op->B);
        if (dir < 0) return Err(ChildStep.openat2, out errno);
        int step = 0;
        errno = 0;
        if (Raw.symlinkat((byte*)op->D, dir, (byte*)op->C) < 0 && Raw.Errno != Errno.EEXIST)
            step = Err(ChildStep.symlinkat, out errno);
        CloseIfNot(dir, root);
        return step;
    }

    static int MountFs(ProgramHeader* h, Op* op, out int errno)
    {
        byte empty = 0;
        int fsfd = (int)Raw.syscall(h->Abi.FsOpen, op->A, Flags.FSOPEN_CLOEXEC, 0, 0, 0, 0);
        if (fsfd < 0) return Err(ChildStep.fsopen, out errno);
        byte** pairs = (byte**)op->B;
        for (int i = 0; pairs[i] != null; i += 2)
        {
            byte* key = pairs[i], value = pairs[i + 1];
            long r = *value == 0
                ? Raw.syscall(h->Abi.FsConfig, fsfd, Flags.FSCONFIG_SET_FLAG, (long)key, 0, 0, 0)
                : Raw.syscall(h->Abi.FsConfig, fsfd, Flags.FSCONFIG_SET_STRING, (long)key, (long)value, 0, 0);
            if (r < 0) { int e = Raw.Errno; Raw.close(fsfd); errno = e; return (int)ChildStep.fsconfig; }
        }
        if (Raw.syscall(h->Abi.FsConfig, fsfd, Flags.FSCONFIG_CMD_CREATE, 0, 0, 0, 0) < 0)
        {
            int e = Raw.Errno; Raw.close(fsfd); errno = e; return (int)ChildStep.fsconfig;
        }
        int mfd = (int)Raw.syscall(h->Abi.FsMount, fsfd, Flags.FSMOUNT_CLOEXEC, op->C, 0, 0, 0);
        if (mfd < 0) { int e = Raw.Errno; Raw.close(fsfd); errno = e; return (int)ChildStep.fsmount; }
        Raw.close(fsfd);
        int step = Attach(h, mfd, h->Slots[op->D], &empty, (ulong)op->E, op->F == 1, out errno);
        Raw.close(mfd);
        return step;
    }

    /// <summary>Moves a detached mount onto a target fd, then sets its propagation.</summary>
    static int Attach(ProgramHeader* h, int mountFd, int targetFd, byte* empty, ulong propagation, bool recursive, out int errno)
    {
        if (Raw.syscall(h->Abi.MoveMount, mountFd, (long)empty, targetFd, (long)empty,
                Flags.MOVE_MOUNT_F_EMPTY_PATH | Flags.MOVE_MOUNT_T_EMPTY_PATH, 0) < 0)
            return Err(ChildStep.move_mount, out errno);
        if (propagation != 0)
        {
            MountAttrArg attr = default;
            attr.Propagation = propagation;
            long at = Flags.AT_EMPTY_PATH | (recursive ? Flags.AT_RECURSIVE : 0);
            if (Raw.syscall(h->Abi.MountSetattr, mountFd, (long)empty, at, (long)&attr, sizeof(MountAttrArg), 0) < 0)
                return Err(ChildStep.mount_setattr, out errno);
        }
        errno = 0;
        return 0;
    }

    static int BindMount(ProgramHeader* h, Op* op, out int errno)
    {
        byte empty = 0;
        long flags = Flags.OPEN_TREE_CLONE | Flags.OPEN_TREE_CLOEXEC | (op->C == 1 ? Flags.AT_RECURSIVE : 0);
        int tfd = op->A != 0
            ? (int)Raw.syscall(h->Abi.OpenTree, Flags.AT_FDCWD, op->A, flags, 0, 0, 0)
            : (int)Raw.syscall(h->Abi.OpenTree, h->Slots[op->B], (long)&empty, flags | Flags.AT_EMPTY_PATH, 0, 0, 0);
        if (tfd < 0) return Err(ChildStep.open_tree, out errno);
        if (op->D != 0 || op->H != 0)
        {
            MountAttrArg attr = default;
            attr.Set = (ulong)op->D;
            attr.Clear = (ulong)op->H;
            long at = Flags.AT_EMPTY_PATH | (op->C == 1 ? Flags.AT_RECURSIVE : 0);
            if (Raw.syscall(h->Abi.MountSetattr, tfd, (long)&empty, at, (long)&attr, sizeof(MountAttrArg), 0) < 0)
            {
                int e = Raw.Errno; Raw.close(tfd); errno = e; return (int)ChildStep.mount_setattr;
            }
        }
        int step = Attach(h, tfd, h->Slots[op->E], &empty, (ulong)op->F, op->G == 1, out errno);
        Raw.close(tfd);
        return step;
    }

    static int PivotRoot(ProgramHeader* h, Op* op, out int errno)
    {
        byte* dot = stackalloc byte[2];
        dot[0] = (byte)'.'; dot[1] = 0;
        byte* slash = stackalloc byte[2];
        slash[0] = (byte)'/'; slash[1] = 0;
        if (Raw.fchdir(h->Slots[op->A]) < 0) return Err(ChildStep.fchdir, out errno);
        // pivot_root(".", ".") stacks the old root on top of the new one; detaching it then
        // needs no put_old directory inside the image (the trick runc and lxc use).
        if (Raw.syscall(h->Abi.PivotRoot, (long)dot, (long)dot, 0, 0, 0, 0) < 0) return Err(ChildStep.pivot_root, out errno);
        // Make the old root a slave first so that detaching it cannot propagate to the host.
        if (Raw.mount(null, dot, null, (ulong)(MountFlags.MS_SLAVE | MountFlags.MS_REC), null) < 0) return Err(ChildStep.mount, out errno);
        if (Raw.umount2(dot, Flags.MNT_DETACH) < 0) return Err(ChildStep.umount2, out errno);
        if (Raw.chdir(slash) < 0) return Err(ChildStep.chdir, out errno);
        errno = 0;
        return 0;
    }

    static int MoveRootAndChroot(Op* op, out int errno)
    {
        byte* dot = stackalloc byte[2];
        dot[0] = (byte)'.'; dot[1] = 0;
        byte* slash = stackalloc byte[2];
        slash[0] = (byte)'/'; slash[1] = 0;
        if (Raw.chdir((byte*)op->A) < 0) return Err(ChildStep.chdir, out errno);
        if (Raw.mount((byte*)op->A, slash, null, (ulong)MountFlags.MS_MOVE, null) < 0) return Err(ChildStep.mount, out errno);
        if (Raw.chroot(dot) < 0) return Err(ChildStep.chroot, out errno);
        if (Raw.chdir(slash) < 0) return Err(ChildStep.chdir, out errno);
        errno = 0;
        return 0;
    }

    static int MaskPath(ProgramHeader* h, Op* op, out int errno)
    {
        byte empty = 0;
        errno = 0;
        int fd = Raw.openat(Flags.AT_FDCWD, (byte*)op->A, Flags.O_PATH | Flags.O_CLOEXEC, 0);
        if (fd < 0) return Raw.Errno == Errno.ENOENT ? 0 : Err(ChildStep.open, out errno);
        byte* stx = stackalloc byte[256];
        if (Raw.statx(fd, &empty, Flags.AT_EMPTY_PATH, Flags.STATX_TYPE, stx) < 0) { int e = Raw.Errno; Raw.close(fd); errno = e; return (int)ChildStep.statx; }
        int mode = *(ushort*)(stx + 0x1C);
        int mfd, step;
        if ((mode & Flags.S_IFMT) == Flags.S_IFDIR)
        {
            int fsfd = (int)Raw.syscall(h->Abi.FsOpen, op->B, Flags.FSOPEN_CLOEXEC, 0, 0, 0, 0);
            if (fsfd < 0) { step = Err(ChildStep.fsopen, out errno); Raw.close(fd); return step; }
            if (Raw.syscall(h->Abi.FsConfig, fsfd, Flags.FSCONFIG_CMD_CREATE, 0, 0, 0, 0) < 0)
            { step = Err(ChildStep.fsconfig, out errno); Raw.close(fsfd); Raw.close(fd); return step; }
            mfd = (int)Raw.syscall(h->Abi.FsMount, fsfd, Flags.FSMOUNT_CLOEXEC, (long)MountAttr.MOUNT_ATTR_RDONLY, 0, 0, 0);
            if (mfd < 0) { step = Err(ChildStep.fsmount, out errno); Raw.close(fsfd); Raw.close(fd); return step; }
            Raw.close(fsfd);
        }
        else
        {
            mfd = (int)Raw.syscall(h->Abi.OpenTree, Flags.AT_FDCWD, op->C, Flags.OPEN_TREE_CLONE | Flags.OPEN_TREE_CLOEXEC, 0, 0, 0);
            if (mfd < 0) { step = Err(ChildStep.open_tree, out errno); Raw.close(fd); return step; }
        }
        step = Attach(h, mfd, fd, &empty, 0, false, out errno);
        Raw.close(mfd);
        Raw.close(fd);
        return step;
    }

    static int ReadonlyPath(ProgramHeader* h, Op* op, out int errno)
    {
        byte empty = 0;
        errno = 0;
        int tfd = (int)Raw.syscall(h->Abi.OpenTree, Flags.AT_FDCWD, op->A,
            Flags.OPEN_TREE_CLONE | Flags.OPEN_TREE_CLOEXEC | Flags.AT_RECURSIVE, 0, 0, 0);
        if (tfd < 0) return Raw.Errno == Errno.ENOENT ? 0 : Err(ChildStep.open_tree, out errno);
        MountAttrArg attr = default;
        attr.Set = (ulong)MountAttr.MOUNT_ATTR_RDONLY;
        int step = 0;
        if (Raw.syscall(h->Abi.MountSetattr, tfd, (long)&empty, Flags.AT_EMPTY_PATH | Flags.AT_RECURSIVE, (long)&attr, sizeof(MountAttrArg), 0) < 0)
            step = Err(ChildStep.mount_setattr, out errno);
        else if (Raw.syscall(h->Abi.MoveMount, tfd, (long)&empty, Flags.AT_FDCWD, op->A, Flags.MOVE_MOUNT_F_EMPTY_PATH, 0) < 0)
            step = Err(ChildStep.move_mount, out errno);
        Raw.close(tfd);
        return step;
    }

    static int ResolveExecutable(ProgramHeader* h, Op* op, out int errno)
    {
        byte** candidates = (byte**)op->A;
        byte* stx = stackalloc byte[256];
        int notExecutable = 0;
        for (int i = 0; candidates[i] != null; i++)
        {
            if (Raw.statx(Flags.AT_FDCWD, candidates[i], 0, Flags.STATX_TYPE | Flags.STATX_MODE, stx) < 0) continue;
            int mode = *(ushort*)(stx + 0x1C);
            if ((mode & Flags.S_IFMT) == Flags.S_IFREG && (mode & 0x49) != 0)
            {
                h->ChosenExecutable = i;
                errno = 0;
                return 0;
            }
            notExecutable = 1;
        }
        errno = notExecutable == 1 ? Errno.EACCES : Errno.ENOENT;
        return (int)ChildStep.statx;
    }
}
