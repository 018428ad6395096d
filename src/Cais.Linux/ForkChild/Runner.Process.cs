using System.Runtime.InteropServices;

namespace Cais.Linux.ForkChild;

// Process ops of the child: terminal, credentials, capabilities, limits, and the final exec.
internal static unsafe partial class Runner
{
    [StructLayout(LayoutKind.Sequential)]
    struct CapHeader { public uint Version; public int Pid; }

    [StructLayout(LayoutKind.Sequential)]
    struct CapData { public uint Effective, Permitted, Inheritable; }

    [StructLayout(LayoutKind.Sequential)]
    struct MsgHdr
    {
        public void* Name;
        public uint NameLen;
        public void* Iov;
        public nuint IovLen;
        public void* Control;
        public nuint ControlLen;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    struct IoVec { public void* Base; public nuint Len; }

    const uint CapabilityVersion3 = 0x20080522;

    static int ExecuteProcessOp(ProgramHeader* h, Op* op, out int errno)
    {
        errno = 0;
        switch (op->Code)
        {
            case OpCode.DropBoundingSet:
                for (int cap = 0; cap <= op->B && cap < 64; cap++)
                    if ((op->A & (1L << cap)) == 0 && Raw.prctl(Flags.PR_CAPBSET_DROP, (nuint)cap, 0, 0, 0) < 0)
                        return Err(ChildStep.prctl, out errno);
                return 0;
            case OpCode.KeepCaps:
                return Raw.prctl(Flags.PR_SET_KEEPCAPS, (nuint)op->A, 0, 0, 0) < 0 ? Err(ChildStep.prctl, out errno) : 0;
            case OpCode.SetGroups:
                return Raw.syscall(h->Abi.SetGroups, op->A, op->B, 0, 0, 0, 0) < 0 ? Err(ChildStep.setgroups, out errno) : 0;
            case OpCode.SetResGid:
                return Raw.syscall(h->Abi.SetResGid, op->A, op->A, op->A, 0, 0, 0) < 0 ? Err(ChildStep.setresgid, out errno) : 0;
            case OpCode.SetResUid:
                return Raw.syscall(h->Abi.SetResUid, op->A, op->A, op->A, 0, 0, 0) < 0 ? Err(ChildStep.setresuid, out errno) : 0;
            case OpCode.Capset:
            {
                CapHeader hdr;
                hdr.Version = CapabilityVersion3;
                hdr.Pid = 0;
                CapData* data = stackalloc CapData[2];
                data[0].Effective = (uint)op->A; data[1].Effective = (uint)((ulong)op->A >> 32);
                data[0].Permitted = (uint)op->B; data[1].Permitted = (uint)((ulong)op->B >> 32);
                data[0].Inheritable = (uint)op->C; data[1].Inheritable = (uint)((ulong)op->C >> 32);
                return Raw.syscall(h->Abi.Capset, (long)&hdr, (long)data, 0, 0, 0, 0) < 0 ? Err(ChildStep.capset, out errno) : 0;
            }
            case OpCode.RaiseAmbient:
                if (Raw.prctl(Flags.PR_CAP_AMBIENT, Flags.PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0) return Err(ChildStep.prctl, out errno);
                for (int cap = 0; cap < 64; cap++)
                    if ((op->A & (1L << cap)) != 0 && Raw.prctl(Flags.PR_CAP_AMBIENT, Flags.PR_CAP_AMBIENT_RAISE, (nuint)cap, 0, 0) < 0)
                        return Err(ChildStep.prctl, out errno);
                return 0;
            case OpCode.NoNewPrivileges:
                return Raw.prctl(Flags.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ? Err(ChildStep.prctl, out errno) : 0;
            case OpCode.SetDumpable:
                return Raw.prctl(Flags.PR_SET_DUMPABLE, (nuint)op->A, 0, 0, 0) < 0 ? Err(ChildStep.prctl, out errno) : 0;
            case OpCode.Setsid:
                return Raw.setsid() < 0 ? Err(ChildStep.setsid, out errno) : 0;
            case OpCode.AttachTerminal:
            {
                int fd = h->Slots[op->A];
                if (Raw.ioctl(fd, Flags.TIOCSCTTY, null) < 0) return Err(ChildStep.ioctl, out errno);
                for (int std = 0; std < 3; std++)
                    if (Raw.dup2(fd, std) < 0) return Err(ChildStep.dup2, out errno);
                return 0;
            }
            case OpCode.Dup2:
                return Raw.dup2((int)op->A, (int)op->B) < 0 ? Err(ChildStep.dup2, out errno) : 0;
            case OpCode.CloseFrom:
                if (Raw.syscall(h->Abi.CloseRange, op->A, uint.MaxValue, Flags.CLOSE_RANGE_CLOEXEC, 0, 0, 0) < 0 && Raw.Errno != Errno.ENOSYS)
                    return Err(ChildStep.close_range, out errno);
                return 0;
            case OpCode.OpenPtyPeer:
                return OpenPtyPeer(h, op, out errno);
            case OpCode.Exec:
            {
                UnblockSignals();
                byte** candidates = (byte**)op->A;
                Raw.execve(candidates[h->ChosenExecutable], (byte**)op->B, (byte**)op->C);
                return Err(ChildStep.execve, out errno);
            }
            case OpCode.ExecFd:
            {
                UnblockSignals();
                byte empty = 0;
                Raw.syscall(h->Abi.Execveat, op->A, (long)&empty, op->B, op->C, Flags.AT_EMPTY_PATH, 0);
                return Err(ChildStep.execveat, out errno);
            }
            case OpCode.Exit:
                Raw._exit((int)op->A);
                return 0;
            default:
                return Bad(out errno);
        }
    }

    static void UnblockSignals()
    {
        // glibc's sigset_t is 128 bytes and sigprocmask may copy all of it.
        ulong* empty = stackalloc ulong[16];
        for (int i = 0; i < 16; i++) empty[i] = 0;
        Raw.sigprocmask(Flags.SIG_SETMASK, empty, null);
    }

    static int OpenPtyPeer(ProgramHeader* h, Op* op, out int errno)
    {
        int master = h->Slots[op->A];
        int unlock = 0;
        if (Raw.ioctl(master, Flags.TIOCSPTLCK, &unlock) < 0) return Err(ChildStep.ioctl, out errno);
        // TIOCGPTPEER opens the slave through the master, never through a path the image controls.
        int slave = Raw.ioctl(master, Flags.TIOCGPTPEER, (void*)(nint)(Flags.O_RDWR | Flags.O_NOCTTY | Flags.O_CLOEXEC));
        if (slave < 0) return Err(ChildStep.ioctl, out errno);
        StoreSlot(h, op->B, slave);
        if (op->C > 0 && op->D > 0)
        {
            ushort* ws = stackalloc ushort[4];
            ws[0] = (ushort)op->C; ws[1] = (ushort)op->D; ws[2] = 0; ws[3] = 0;
            if (Raw.ioctl(master, Flags.TIOCSWINSZ, ws) < 0) return Err(ChildStep.ioctl, out errno);
        }
        errno = 0;
        return 0;
    }

    static int SendFd(int socket, int fd, out int errno)
    {
        byte data = (byte)'t';
        IoVec iov;
        iov.Base = &data;
        iov.Len = 1;
        // cmsghdr (len, level, type) followed by one int, padded to 8 bytes: CMSG_SPACE(4) = 24.
        byte* control = stackalloc byte[24];
        for (int i = 0; i < 24; i++) control[i] = 0;
        *(nuint*)control = 20; // CMSG_LEN(sizeof(int))
        *(int*)(control + 8) = Flags.SOL_SOCKET;
        *(int*)(control + 12) = Flags.SCM_RIGHTS;
        *(int*)(control + 16) = fd;
        MsgHdr msg = default;
        msg.Iov = &iov;
        msg.IovLen = 1;
        msg.Control = control;
        msg.ControlLen = 24;
        if (Raw.sendmsg(socket, &msg, Flags.MSG_NOSIGNAL) < 0) return Err(ChildStep.sendmsg, out errno);
        errno = 0;
        return 0;
    }
}
