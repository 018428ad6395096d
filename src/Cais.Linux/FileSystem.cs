using System.Runtime.InteropServices;
using Cais.Linux.Interop;

namespace Cais.Linux;

/// <summary>File system calls System.IO does not offer with the exact semantics needed.</summary>
public static unsafe partial class FileSystem
{
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mkdir(string path, int mode);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int unlink(string path);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fsync(int fd);

    /// <summary>
    /// fsync(2) of a directory: makes the names created, renamed or removed in it durable (a file's
    /// own fsync does not cover the directory entry that names it).
    /// </summary>
    public static void SyncDirectory(string path)
    {
        int fd = Check.Io(Libc.open(path, Flags.O_RDONLY | Flags.O_CLOEXEC | LinuxAbi.Current.ODirectory, 0), "open", path);
        try { Check.Io(fsync(fd), "fsync", path); }
        finally { Libc.close(fd); }
    }

    /// <summary>mkdir(2): fails with EEXIST when the directory exists (unlike Directory.CreateDirectory).</summary>
    public static void MakeDirectory(string path, int mode) => Check.Io(mkdir(path, mode), "mkdir", path);

    /// <summary>unlink(2); false when the path did not exist.</summary>
    public static bool Unlink(string path)
    {
        if (unlink(path) == 0) return true;
        int errno = Marshal.GetLastPInvokeError();
        if (errno == Errno.ENOENT) return false;
        throw new SyscallException("unlink", path, errno);
    }

    /// <summary>
    /// Opens <paramref name="path"/> inside <paramref name="root"/> as if root were "/": symlinks
    /// and ".." cannot leave it (openat2 RESOLVE_IN_ROOT). Returns -1 with the errno if missing.
    /// </summary>
    public static int OpenInRoot(string root, string path, int flags, out int errno)
    {
        int rootFd = Libc.open(root, Flags.O_PATH | Flags.O_CLOEXEC | LinuxAbi.Current.ODirectory, 0);
        if (rootFd < 0) { errno = Marshal.GetLastPInvokeError(); return -1; }
        try
        {
            ulong* how = stackalloc ulong[3];
            how[0] = (ulong)(flags | Flags.O_CLOEXEC);
            how[1] = 0;
            how[2] = (ulong)(Flags.RESOLVE_IN_ROOT | Flags.RESOLVE_NO_MAGICLINKS);
            var bytes = System.Text.Encoding.UTF8.GetBytes(path.TrimStart('/') + "\0");
            fixed (byte* p = bytes)
            {
                int fd = (int)Libc.syscall(LinuxAbi.Current.OpenAt2, rootFd, (long)p, (long)how, 24, 0, 0);
                errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
                return fd;
            }
        }
        finally
        {
            Libc.close(rootFd);
        }
    }

    /// <summary>Reads a whole text file inside a root without leaving it; null if it does not exist.</summary>
    public static string? ReadTextInRoot(string root, string path)
    {
        int fd = OpenInRoot(root, path, Flags.O_RDONLY, out int errno);
        if (fd < 0)
        {
            if (errno is Errno.ENOENT or Errno.ENOTDIR or Errno.ELOOP) return null;
            throw new SyscallException("openat2", Path.Combine(root, path.TrimStart('/')), errno);
        }
        try
        {
            // Raw reads: this sits on a container's start path, where FileStream's set-up shows.
            var buffer = new byte[16384];
            int length = 0;
            while (true)
            {
                if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                long n;
                fixed (byte* p = buffer) n = Fds.Read(fd, p + length, buffer.Length - length, path);
                if (n == 0) break;
                length += (int)n;
            }
            return System.Text.Encoding.UTF8.GetString(buffer, 0, length);
        }
        finally
        {
            Libc.close(fd);
        }
    }
}
