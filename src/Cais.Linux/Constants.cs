namespace Cais.Linux;

// Kernel constants, spelled as in the C headers (the interop layer keeps C spellings).
// Values are the same on x86_64 and arm64 unless LinuxAbi says otherwise.

/// <summary>CLONE_* flags: namespace kinds and clone options.</summary>
[Flags]
public enum CloneFlags : long
{
    None = 0,
    CLONE_NEWTIME = 0x80,
    CLONE_PARENT = 0x8000,
    CLONE_NEWNS = 0x20000,
    CLONE_NEWCGROUP = 0x02000000,
    CLONE_NEWUTS = 0x04000000,
    CLONE_NEWIPC = 0x08000000,
    CLONE_NEWUSER = 0x10000000,
    CLONE_NEWPID = 0x20000000,
    CLONE_NEWNET = 0x40000000,
}

/// <summary>MS_* flags of mount(2).</summary>
[Flags]
public enum MountFlags : ulong
{
    None = 0,
    MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8, MS_SYNCHRONOUS = 16,
    MS_REMOUNT = 32, MS_MANDLOCK = 64, MS_DIRSYNC = 128, MS_NOSYMFOLLOW = 256, MS_NOATIME = 1024,
    MS_NODIRATIME = 2048, MS_BIND = 4096, MS_MOVE = 8192, MS_REC = 16384, MS_SILENT = 32768,
    MS_UNBINDABLE = 1 << 17, MS_PRIVATE = 1 << 18, MS_SLAVE = 1 << 19, MS_SHARED = 1 << 20,
    MS_RELATIME = 1 << 21, MS_I_VERSION = 1 << 23, MS_STRICTATIME = 1 << 24, MS_LAZYTIME = 1 << 25,
}

/// <summary>MOUNT_ATTR_* flags of fsmount(2) and mount_setattr(2).</summary>
[Flags]
public enum MountAttr : ulong
{
    None = 0,
    MOUNT_ATTR_RDONLY = 0x1, MOUNT_ATTR_NOSUID = 0x2, MOUNT_ATTR_NODEV = 0x4, MOUNT_ATTR_NOEXEC = 0x8,
    MOUNT_ATTR__ATIME = 0x70, MOUNT_ATTR_RELATIME = 0x0, MOUNT_ATTR_NOATIME = 0x10,
    MOUNT_ATTR_STRICTATIME = 0x20, MOUNT_ATTR_NODIRATIME = 0x80, MOUNT_ATTR_NOSYMFOLLOW = 0x200000,
}

/// <summary>Flags of open(2), openat2(2) RESOLVE_*, *at(2) AT_*, and the new mount API.</summary>
public static class Flags
{
    public const int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40, O_EXCL = 0x80,
        O_NOCTTY = 0x100, O_TRUNC = 0x200, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000, O_PATH = 0x200000;

    public const long RESOLVE_NO_XDEV = 0x1, RESOLVE_NO_MAGICLINKS = 0x2, RESOLVE_NO_SYMLINKS = 0x4,
        RESOLVE_BENEATH = 0x8, RESOLVE_IN_ROOT = 0x10;

    public const int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100, AT_EMPTY_PATH = 0x1000, AT_RECURSIVE = 0x8000;

    public const int OPEN_TREE_CLONE = 1, OPEN_TREE_CLOEXEC = O_CLOEXEC;
    public const int MOVE_MOUNT_F_EMPTY_PATH = 0x4, MOVE_MOUNT_T_EMPTY_PATH = 0x40;
    public const int FSOPEN_CLOEXEC = 1, FSMOUNT_CLOEXEC = 1;
    public const int FSCONFIG_SET_FLAG = 0, FSCONFIG_SET_STRING = 1, FSCONFIG_CMD_CREATE = 6;
    public const int MNT_DETACH = 2;
    public const uint CLOSE_RANGE_CLOEXEC = 4;

    public const int SOCK_STREAM = 1, SOCK_SEQPACKET = 5, SOCK_CLOEXEC = O_CLOEXEC, AF_UNIX = 1;
    public const int SOL_SOCKET = 1, SCM_RIGHTS = 1, MSG_NOSIGNAL = 0x4000, MSG_CMSG_CLOEXEC = 0x40000000;

    public const int S_IFMT = 0xF000, S_IFDIR = 0x4000, S_IFREG = 0x8000, S_IFCHR = 0x2000,
        S_IFBLK = 0x6000, S_IFIFO = 0x1000;
    public const int STATX_TYPE = 1, STATX_MODE = 2;

    public const int PR_SET_PDEATHSIG = 1, PR_SET_DUMPABLE = 4, PR_SET_KEEPCAPS = 8,
        PR_CAPBSET_DROP = 24, PR_SET_CHILD_SUBREAPER = 36, PR_SET_NO_NEW_PRIVS = 38,
        PR_CAP_AMBIENT = 47, PR_CAP_AMBIENT_RAISE = 2, PR_CAP_AMBIENT_CLEAR_ALL = 4;

    public const uint TIOCSCTTY = 0x540E, TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414,
        TIOCSPTLCK = 0x40045431, TIOCGPTPEER = 0x5441;

    public const int WNOHANG = 1, F_GETFL = 3, F_SETFL = 4, F_SETFD = 2, FD_CLOEXEC = 1, F_DUPFD_CLOEXEC = 1030;
    public const int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
}
