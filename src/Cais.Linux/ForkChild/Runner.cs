using System.Runtime.InteropServices;

namespace Cais.Linux.ForkChild;

/// <summary>
/// Runs a child program in a freshly forked process. This code runs between fork and exec:
/// it must not allocate managed memory, throw, take locks, or touch anything but the
/// prepared <see cref="ProgramHeader"/>, the stack, and <see cref="Raw"/> calls. A failing
/// step is reported on the error channel (op index, errno, syscall, op description) and the
/// process exits with <see cref="SetupFailedStatus"/>.
/// </summary>
internal static unsafe partial class Runner
{
    /// <summary>Exit status of a child whose set-up failed (the failure itself goes over the socket).</summary>
    public const int SetupFailedStatus = 121;

    /// <summary>Exit status when the parent went away mid-handshake.</summary>
    public const int ParentGoneStatus = 122;

    [StructLayout(LayoutKind.Sequential)]
    struct OpenHow { public ulong Flags, Mode, Resolve; }

    [StructLayout(LayoutKind.Sequential)]
    struct MountAttrArg { public ulong Set, Clear, Propagation, UsernsFd; }

    public static void Run(ProgramHeader* h)
    {
        Raw.close(h->ParentFd);
        ResetSignalDispositions();
        for (int i = 0; i < h->OpCount; i++)
        {
            Op* op = h->Ops + i;
            if (op->Code == OpCode.End) break;
            long started = h->TraceFd >= 0 ? NowMicroseconds() : 0;
            int step = Execute(h, op, out int errno);
            if (step != 0) Fail(h, i, step, errno);
            if (h->TraceFd >= 0) Trace(h, i, (int)op->Code, NowMicroseconds() - started);
        }
        Raw._exit(0);
    }

    /// <summary>
    /// Handlers installed by the .NET runtime would be inherited until exec, and signals it
    /// ignores (SIGPIPE) would stay ignored in the container's process. Signals stay blocked
    /// (the launcher blocked them around fork) until the Exec op unblocks them.
    /// </summary>
    static void ResetSignalDispositions()
    {
        for (int sig = 1; sig < 65; sig++)
            if (sig != 9 && sig != 19) Raw.signal(sig, 0);
    }

    static void Fail(ProgramHeader* h, int index, int step, int errno)
    {
        byte* s = h->Scratch;
        var rec = (SyncRecord*)s;
        rec->Type = (int)SyncMessage.Error;
        rec->Value = index;
        rec->Errno = errno;
        rec->Step = step;
        int n = sizeof(SyncRecord);
        byte* d = h->Ops[index].Description;
        while (d != null && *d != 0 && n < 4000) s[n++] = *d++;
        Raw.send(h->ErrorFd, s, n, Flags.MSG_NOSIGNAL);
        Raw._exit(SetupFailedStatus);
    }

    static int Err(ChildStep step, out int errno)
    {
        errno = Raw.Errno;
        return (int)step;
    }

    static int Bad(out int errno)
    {
        errno = Errno.EINVAL;
        return (int)ChildStep.bad_message;
    }

    static void StoreSlot(ProgramHeader* h, long slot, int fd)
    {
        if (h->Slots[slot] >= 0) Raw.close(h->Slots[slot]);
        h->Slots[slot] = fd;
    }

    static int Send(int fd, SyncMessage type, int value)
    {
        SyncRecord rec;
        rec.Type = (int)type;
        rec.Value = value;
        rec.Errno = 0;
        rec.Step = 0;
        return (int)Raw.send(fd, &rec, sizeof(SyncRecord), Flags.MSG_NOSIGNAL);
    }

    static int Execute(ProgramHeader* h, Op* op, out int errno)
    {
        errno = 0;
        switch (op->Code)
        {
            case OpCode.CloseFd:
                Raw.close((int)op->A);
                return 0;
            case OpCode.SetNs:
                return Raw.setns((int)op->A, (int)op->B) < 0 ? Err(ChildStep.setns, out errno) : 0;
            case OpCode.Unshare:
                return Raw.unshare((int)op->A) < 0 ? Err(ChildStep.unshare, out errno) : 0;
            case OpCode.Send:
                return Send(h->SyncFd, (SyncMessage)op->A, (int)op->B) < 0 ? Err(ChildStep.send, out errno) : 0;
            case OpCode.Wait:
                return WaitFor(h, (SyncMessage)op->A, out errno);
            case OpCode.BecomeRoot:
                if (Raw.syscall(h->Abi.SetResGid, 0, 0, 0, 0, 0, 0) < 0) return Err(ChildStep.setresgid, out errno);
                return Raw.syscall(h->Abi.SetResUid, 0, 0, 0, 0, 0, 0) < 0 ? Err(ChildStep.setresuid, out errno) : 0;
            case OpCode.ForkIntoPidNamespace:
                return ForkIntoPidNamespace(h, op, out errno);
            case OpCode.SetParentDeathSignal:
                return Raw.prctl(Flags.PR_SET_PDEATHSIG, (nuint)op->A, 0, 0, 0) < 0 ? Err(ChildStep.prctl, out errno) : 0;
            case OpCode.Umask:
                Raw.umask((int)op->A);
                return 0;
            case OpCode.SetHostname:
                return Raw.sethostname((byte*)op->A, StrLen((byte*)op->A)) < 0 ? Err(ChildStep.sethostname, out errno) : 0;
            case OpCode.SetDomainname:
                return Raw.setdomainname((byte*)op->A, StrLen((byte*)op->A)) < 0 ? Err(ChildStep.setdomainname, out errno) : 0;
            case OpCode.Mount:
                return Raw.mount((byte*)op->A, (byte*)op->B, (byte*)op->C, (ulong)op->D, (byte*)op->E) < 0
                    ? Err(ChildStep.mount, out errno) : 0;
            case OpCode.Open:
            {
                int fd = Raw.openat(Flags.AT_FDCWD, (byte*)op->A, (int)op->B | Flags.O_CLOEXEC, 0);
                if (fd < 0) return Err(ChildStep.open, out errno);
                StoreSlot(h, op->C, fd);
                return 0;
            }
            case OpCode.OpenInRoot:
            {
                int fd = OpenAt2(h, h->Slots[op->A], (byte*)op->B, (int)op->C, op->D);
                if (fd < 0) return Err(ChildStep.openat2, out errno);
                StoreSlot(h, op->E, fd);
                return 0;
            }
            case OpCode.EnsureInRoot:
                return EnsureInRoot(h, op, out errno);
            case OpCode.MknodInRoot:
                return MknodInRoot(h, op, out errno);
            case OpCode.SymlinkInRoot:
                return SymlinkInRoot(h, op, out errno);
            case OpCode.MountFs:
                return MountFs(h, op, out errno);
            case OpCode.BindMount:
                return BindMount(h, op, out errno);
            case OpCode.PivotRoot:
                return PivotRoot(h, op, out errno);
            case OpCode.MoveRootAndChroot:
                return MoveRootAndChroot(op, out errno);
            case OpCode.MaskPath:
                return MaskPath(h, op, out errno);
            case OpCode.ReadonlyPath:
                return ReadonlyPath(h, op, out errno);
            case OpCode.SetMountAttr:
            {
                MountAttrArg attr = default;
                attr.Set = (ulong)op->B;
                attr.Clear = (ulong)op->C;
                return Raw.syscall(h->Abi.MountSetattr, Flags.AT_FDCWD, op->A, op->D, (long)&attr, sizeof(MountAttrArg), 0) < 0
                    ? Err(ChildStep.mount_setattr, out errno) : 0;
            }
            case OpCode.WriteFile:
                return WriteFile(op, out errno);
            case OpCode.OpenPtyPeer:
                return OpenPtyPeer(h, op, out errno);
            case OpCode.SendFd:
                return SendFd((int)op->A, h->Slots[op->B], out errno);
            case OpCode.FchownSlot:
                return Raw.fchown(h->Slots[op->A], (int)op->B, (int)op->C) < 0 ? Err(ChildStep.fchown, out errno) : 0;
            case OpCode.ResolveExecutable:
                return ResolveExecutable(h, op, out errno);
            case OpCode.Chdir:
                return Raw.chdir((byte*)op->A) < 0 ? Err(ChildStep.chdir, out errno) : 0;
            case OpCode.AwaitStart:
            {
                int conn;
                while ((conn = Raw.accept4((int)op->A, null, null, Flags.SOCK_CLOEXEC)) < 0 && Raw.Errno == Errno.EINTR) { }
                if (conn < 0) return Err(ChildStep.accept4, out errno);
                Raw.close((int)op->A);
                h->ErrorFd = conn;
                return 0;
            }
            default:
                return ExecuteProcessOp(h, op, out errno);
        }
    }

    static int WaitFor(ProgramHeader* h, SyncMessage expected, out int errno)
    {
        SyncRecord rec;
        nint n;
        while ((n = Raw.recv(h->SyncFd, &rec, sizeof(SyncRecord), 0)) < 0 && Raw.Errno == Errno.EINTR) { }
        if (n == 0) Raw._exit(ParentGoneStatus);
        if (n < 0) return Err(ChildStep.recv, out errno);
        if (n != sizeof(SyncRecord) || rec.Type != (int)expected) return Bad(out errno);
        errno = 0;
        return 0;
    }

    static int ForkIntoPidNamespace(ProgramHeader* h, Op* op, out int errno)
    {
        const long SIGCHLD = 17;
        long pid = Raw.syscall(h->Abi.Clone, SIGCHLD | op->A, 0, 0, 0, 0, 0);
        if (pid < 0) return Err(ChildStep.clone, out errno);
        if (pid > 0)
        {
            // The intermediate process: report the pid (as the parent's PID namespace sees it) and leave.
            Send(h->SyncFd, SyncMessage.ChildPid, (int)pid);
            Raw._exit(0);
        }
        errno = 0;
        return 0;
    }

    static int WriteFile(Op* op, out int errno)
    {
        int fd = Raw.openat(Flags.AT_FDCWD, (byte*)op->A, Flags.O_WRONLY | Flags.O_CLOEXEC | Flags.O_TRUNC, 0);
        if (fd < 0) return Err(ChildStep.open, out errno);
        byte* p = (byte*)op->B;
        long left = op->C;
        while (left > 0)
        {
            nint n = Raw.write(fd, p, (nint)left);
            if (n < 0)
            {
                int e = Raw.Errno;
                if (e == Errno.EINTR) continue;
                Raw.close(fd);
                errno = e;
                return (int)ChildStep.write;
            }
            p += n;
            left -= n;
        }
        Raw.close(fd);
        errno = 0;
        return 0;
    }

    static long NowMicroseconds()
    {
        long* ts = stackalloc long[2];
        Raw.clock_gettime(1 /* CLOCK_MONOTONIC */, ts);
        return ts[0] * 1_000_000 + ts[1] / 1000;
    }

    /// <summary>Writes "cais child op INDEX CODE MICROSECONDS\n" without allocating.</summary>
    static void Trace(ProgramHeader* h, int index, int code, long micros)
    {
        byte* s = h->Scratch;
        int n = 0;
        foreach (byte b in "cais child op "u8) s[n++] = b;
        n = AppendNumber(s, n, index);
        s[n++] = (byte)' ';
        n = AppendNumber(s, n, code);
        s[n++] = (byte)' ';
        n = AppendNumber(s, n, micros);
        s[n++] = (byte)'\n';
        Raw.write(h->TraceFd, s, n);
    }

    static int AppendNumber(byte* s, int n, long value)
    {
        if (value < 0) { s[n++] = (byte)'-'; value = -value; }
        int start = n;
        do { s[n++] = (byte)('0' + value % 10); value /= 10; } while (value > 0);
        for (int a = start, b = n - 1; a < b; a++, b--) (s[a], s[b]) = (s[b], s[a]);
        return n;
    }

    internal static nint StrLen(byte* s)
    {
        nint n = 0;
        while (s[n] != 0) n++;
        return n;
    }

    static int OpenAt2(ProgramHeader* h, int dirfd, byte* path, int flags, long resolve)
    {
        OpenHow how;
        how.Flags = (ulong)(flags | Flags.O_CLOEXEC);
        how.Mode = 0;
        how.Resolve = (ulong)(resolve | Flags.RESOLVE_IN_ROOT);
        return (int)Raw.syscall(h->Abi.OpenAt2, dirfd, (long)path, (long)&how, sizeof(OpenHow), 0, 0);
    }
}
