using System.Runtime.InteropServices;
using Cais.Linux.Interop;

namespace Cais.Linux;

/// <summary>
/// The *at(2) file calls, relative to a directory file descriptor, for code that must never
/// follow a symbolic link it did not mean to (layer apply and diff). Names are NUL-terminated
/// bytes so a loop over many thousand files marshals nothing.
/// </summary>
/// <remarks>
/// Each Try* call returns 0 or the errno (EINTR retried) and never throws: for these calls an
/// errno is often the answer (EEXIST: something is there already; ENOENT: nothing is), and the
/// caller, which knows the full path, raises <see cref="SyscallException"/> for the rest.
/// </remarks>
public static unsafe partial class FileOps
{
    const string L = "libc";

    public const int AT_REMOVEDIR = 0x200;
    public const int S_IFLNK = 0xA000, S_IFSOCK = 0xC000;
    public const long UTIME_NOW = (1L << 30) - 1, UTIME_OMIT = (1L << 30) - 2;
    const uint STATX_BASIC_STATS = 0x7FF;

    /// <summary>O_DIRECTORY and O_NOFOLLOW, which differ between x86_64 and arm64 (see <see cref="Interop.LinuxAbi"/>).</summary>
    public static readonly int O_DIRECTORY = LinuxAbi.Current.ODirectory, O_NOFOLLOW = LinuxAbi.Current.ONoFollow;

    [LibraryImport(L, SetLastError = true)] private static partial int openat(int dirfd, byte* path, int flags, int mode);
    [LibraryImport(L, SetLastError = true)] private static partial int mkdirat(int dirfd, byte* path, int mode);
    [LibraryImport(L, SetLastError = true)] private static partial int mknodat(int dirfd, byte* path, int mode, ulong dev);
    [LibraryImport(L, SetLastError = true)] private static partial int symlinkat(byte* target, int dirfd, byte* path);
    [LibraryImport(L, SetLastError = true)] private static partial int linkat(int olddirfd, byte* oldpath, int newdirfd, byte* newpath, int flags);
    [LibraryImport(L, SetLastError = true)] private static partial int unlinkat(int dirfd, byte* path, int flags);
    [LibraryImport(L, SetLastError = true)] private static partial int fchownat(int dirfd, byte* path, int uid, int gid, int flags);
    [LibraryImport(L, SetLastError = true)] private static partial int fchown(int fd, int uid, int gid);
    [LibraryImport(L, SetLastError = true)] private static partial int fchmodat(int dirfd, byte* path, int mode, int flags);
    [LibraryImport(L, SetLastError = true)] private static partial int fchmod(int fd, int mode);
    [LibraryImport(L, SetLastError = true)] private static partial int utimensat(int dirfd, byte* path, Timespec* times, int flags);
    [LibraryImport(L, SetLastError = true)] private static partial int futimens(int fd, Timespec* times);
    [LibraryImport(L, SetLastError = true)] private static partial int statx(int dirfd, byte* path, int flags, uint mask, void* buf);
    [LibraryImport(L, SetLastError = true)] private static partial int ftruncate(int fd, long length);
    [LibraryImport(L, SetLastError = true)] private static partial nint pwrite(int fd, byte* buf, nint count, long offset);
    [LibraryImport(L, SetLastError = true)] private static partial int syncfs(int fd);
    [LibraryImport(L, SetLastError = true)] private static partial nint getdents64(int fd, byte* buf, nint count);
    [LibraryImport(L, SetLastError = true)] private static partial nint readlinkat(int dirfd, byte* path, byte* buf, nint size);

    /// <summary>A struct timespec, as utimensat(2) takes it.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;

        public Timespec(long seconds, long nanoseconds)
        {
            Seconds = seconds;
            Nanoseconds = nanoseconds;
        }
    }

    static int Errno() => Marshal.GetLastPInvokeError();

    // 0 or the errno. (These calls do not sleep interruptibly on local file systems; the ones
    // that can, open and read, retry EINTR themselves.)
    static int Result(int r) => r >= 0 ? 0 : Errno();

    /// <summary>openat(2); O_CLOEXEC is always added.</summary>
    public static int TryOpenAt(int dirFd, ReadOnlySpan<byte> name, int flags, int mode, out int fd)
    {
        fixed (byte* p = CString(name))
        {
            while (true)
            {
                fd = openat(dirFd, p, flags | Flags.O_CLOEXEC, mode);
                if (fd >= 0) return 0;
                int e = Errno();
                if (e != Cais.Linux.Errno.EINTR) return e;
            }
        }
    }

    /// <summary>
    /// openat2(2) with <paramref name="resolve"/> (RESOLVE_* flags); O_CLOEXEC is always added.
    /// </summary>
    public static int TryOpenAt2(int dirFd, ReadOnlySpan<byte> path, int flags, long resolve, out int fd)
    {
        ulong* how = stackalloc ulong[3];
        how[0] = (ulong)(flags | Flags.O_CLOEXEC);
        how[1] = 0;
        how[2] = (ulong)resolve;
        fixed (byte* p = CString(path))
        {
            while (true)
            {
                fd = (int)Libc.syscall(LinuxAbi.Current.OpenAt2, dirFd, (long)p, (long)how, 24, 0, 0);
                if (fd >= 0) return 0;
                int e = Errno();
                if (e is not (Cais.Linux.Errno.EINTR or Cais.Linux.Errno.EAGAIN)) return e;
            }
        }
    }

    /// <summary>mkdirat(2).</summary>
    public static int TryMkdirAt(int dirFd, ReadOnlySpan<byte> name, int mode)
    {
        fixed (byte* p = CString(name)) return Result(mkdirat(dirFd, p, mode));
    }

    /// <summary>mknodat(2): <paramref name="mode"/> carries the file type (S_IFCHR, S_IFBLK, S_IFIFO).</summary>
    public static int TryMknodAt(int dirFd, ReadOnlySpan<byte> name, int mode, ulong device)
    {
        fixed (byte* p = CString(name)) return Result(mknodat(dirFd, p, mode, device));
    }

    /// <summary>symlinkat(2): a link named <paramref name="name"/> whose text is <paramref name="target"/>.</summary>
    public static int TrySymlinkAt(ReadOnlySpan<byte> target, int dirFd, ReadOnlySpan<byte> name)
    {
        fixed (byte* t = CString(target))
        fixed (byte* p = CString(name))
            return Result(symlinkat(t, dirFd, p));
    }

    /// <summary>linkat(2); with flags 0 a symbolic link is linked itself, never followed.</summary>
    public static int TryLinkAt(int oldDirFd, ReadOnlySpan<byte> oldName, int newDirFd, ReadOnlySpan<byte> newName, int flags)
    {
        fixed (byte* o = CString(oldName))
        fixed (byte* n = CString(newName))
            return Result(linkat(oldDirFd, o, newDirFd, n, flags));
    }

    /// <summary>unlinkat(2); <see cref="AT_REMOVEDIR"/> removes an empty directory.</summary>
    public static int TryUnlinkAt(int dirFd, ReadOnlySpan<byte> name, int flags)
    {
        fixed (byte* p = CString(name)) return Result(unlinkat(dirFd, p, flags));
    }

    /// <summary>fchownat(2); pass AT_SYMLINK_NOFOLLOW to change a symbolic link itself.</summary>
    public static int TryChownAt(int dirFd, ReadOnlySpan<byte> name, int uid, int gid, int flags)
    {
        fixed (byte* p = CString(name)) return Result(fchownat(dirFd, p, uid, gid, flags));
    }

    /// <summary>fchown(2).</summary>
    public static int TryChown(int fd, int uid, int gid) => Result(fchown(fd, uid, gid));

    /// <summary>
    /// fchmodat(2) with flags 0: follows a symbolic link in the last component (Linux cannot
    /// change a link's mode), so call it only on a name known not to be one.
    /// </summary>
    public static int TryChmodAt(int dirFd, ReadOnlySpan<byte> name, int mode)
    {
        fixed (byte* p = CString(name)) return Result(fchmodat(dirFd, p, mode, 0));
    }

    /// <summary>fchmod(2).</summary>
    public static int TryChmod(int fd, int mode) => Result(fchmod(fd, mode));

    /// <summary>utimensat(2): access and modification times; AT_SYMLINK_NOFOLLOW for a link itself.</summary>
    public static int TryUtimensAt(int dirFd, ReadOnlySpan<byte> name, Timespec atime, Timespec mtime, int flags)
    {
        Timespec* times = stackalloc Timespec[2];
        times[0] = atime;
        times[1] = mtime;
        fixed (byte* p = CString(name)) return Result(utimensat(dirFd, p, times, flags));
    }

    /// <summary>futimens(2).</summary>
    public static int TryUtimens(int fd, Timespec atime, Timespec mtime)
    {
        Timespec* times = stackalloc Timespec[2];
        times[0] = atime;
        times[1] = mtime;
        return Result(futimens(fd, times));
    }

    /// <summary>statx(2) of a name (AT_SYMLINK_NOFOLLOW to see a link itself; AT_EMPTY_PATH with an empty name for the fd).</summary>
    public static int TryStatAt(int dirFd, ReadOnlySpan<byte> name, int flags, out FileStatus status)
    {
        byte* buf = stackalloc byte[256];
        int r;
        fixed (byte* p = CString(name)) r = statx(dirFd, p, flags, STATX_BASIC_STATS, buf);
        status = r < 0 ? default : FileStatus.FromStatx(buf);
        return Result(r);
    }

    /// <summary>
    /// readlinkat(2): the link's text into <paramref name="buffer"/> (not NUL-terminated).
    /// <paramref name="length"/> equal to the buffer's length means it may have been cut short.
    /// </summary>
    public static int TryReadLinkAt(int dirFd, ReadOnlySpan<byte> name, Span<byte> buffer, out int length)
    {
        fixed (byte* p = CString(name))
        fixed (byte* b = buffer)
        {
            nint n = readlinkat(dirFd, p, b, buffer.Length);
            length = n < 0 ? 0 : (int)n;
            return n < 0 ? Errno() : 0;
        }
    }

    /// <summary>ftruncate(2).</summary>
    public static int TryTruncate(int fd, long length) => Result(ftruncate(fd, length));

    /// <summary>pwrite(2) of all of <paramref name="data"/> at <paramref name="offset"/>.</summary>
    public static int TryWriteAt(int fd, ReadOnlySpan<byte> data, long offset)
    {
        fixed (byte* p = data)
        {
            long done = 0;
            while (done < data.Length)
            {
                nint n = pwrite(fd, p + done, (nint)(data.Length - done), offset + done);
                if (n < 0)
                {
                    int e = Errno();
                    if (e == Cais.Linux.Errno.EINTR) continue;
                    return e;
                }
                done += n;
            }
        }
        return 0;
    }

    /// <summary>syncfs(2): commits the whole file system holding <paramref name="fd"/>.</summary>
    public static int TrySyncFileSystem(int fd) => Result(syncfs(fd));

    /// <summary>
    /// getdents64(2): fills <paramref name="buffer"/> with the next directory records of
    /// <paramref name="dirFd"/> (opened O_RDONLY|O_DIRECTORY); <paramref name="length"/> 0 at the
    /// end. Walk the records with <see cref="NextDirEntry"/>.
    /// </summary>
    public static int TryReadDirectory(int dirFd, Span<byte> buffer, out int length)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                nint n = getdents64(dirFd, p, buffer.Length);
                if (n >= 0) { length = (int)n; return 0; }
                int e = Errno();
                if (e != Cais.Linux.Errno.EINTR) { length = 0; return e; }
            }
        }
    }

    /// <summary>
    /// The next struct linux_dirent64 in a getdents64 result at <paramref name="offset"/>, which
    /// it advances: the name without its NUL, the d_type (DT_DIR = 4, DT_LNK = 10, ...) and inode.
    /// False when the records are used up. "." and ".." are returned like any other name.
    /// </summary>
    public static bool NextDirEntry(ReadOnlySpan<byte> records, ref int offset, out ReadOnlySpan<byte> name, out byte type, out ulong inode)
    {
        if (offset + 19 > records.Length)
        {
            name = default; type = 0; inode = 0;
            return false;
        }
        var record = records[offset..];
        inode = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(record);
        int length = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(record[16..]);
        type = record[18];
        var raw = record[19..length];
        int nul = raw.IndexOf((byte)0);
        name = nul < 0 ? raw : raw[..nul];
        offset += length;
        return true;
    }

    /// <summary>makedev(3): the dev_t of a device number pair, as glibc encodes it.</summary>
    public static ulong MakeDevice(uint major, uint minor) =>
        ((ulong)(major & 0xFFFu) << 8) | (minor & 0xFFu) | ((ulong)(minor & ~0xFFu) << 12) | ((ulong)(major & ~0xFFFu) << 32);

    // A name must carry its terminating NUL: the kernel reads up to it.
    static ReadOnlySpan<byte> CString(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || s[^1] != 0) throw new ArgumentException("a path passed to FileOps must end with a NUL byte");
        return s;
    }
}
