using System.Runtime.InteropServices;
using Cais.Linux.Interop;

namespace Cais.Linux;

/// <summary>An advisory flock(2) on a file, held until disposed; shared or exclusive, across processes.</summary>
public sealed partial class FileLock : IDisposable
{
    const int LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int flock(int fd, int operation);

    int fd;

    FileLock(int fd) => this.fd = fd;

    /// <summary>Waits for a shared lock (many holders at once).</summary>
    public static FileLock Shared(string path) => Take(path, LOCK_SH)!;

    /// <summary>Waits for an exclusive lock.</summary>
    public static FileLock Exclusive(string path) => Take(path, LOCK_EX)!;

    /// <summary>An exclusive lock if nobody holds one; null at once otherwise.</summary>
    public static FileLock? TryExclusive(string path) => Take(path, LOCK_EX | LOCK_NB);

    static FileLock? Take(string path, int operation)
    {
        int fd = Check.Io(Libc.open(path, Flags.O_RDWR | Flags.O_CREAT | Flags.O_CLOEXEC, 0x180 /*0600*/), "open", path);
        while (true)
        {
            if (flock(fd, operation) == 0) return new FileLock(fd);
            int errno = Marshal.GetLastPInvokeError();
            if (errno == Errno.EINTR) continue;
            Libc.close(fd);
            if (errno == Errno.EAGAIN && (operation & LOCK_NB) != 0) return null;
            throw new SyscallException("flock", path, errno);
        }
    }

    public void Dispose()
    {
        if (fd >= 0) Libc.close(fd); // closing the fd releases the lock
        fd = -1;
    }
}
