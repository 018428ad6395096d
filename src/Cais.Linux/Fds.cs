using Cais.Linux.Interop;

namespace Cais.Linux;

/// <summary>Plain reads and writes on raw file descriptors, EINTR retried, errors typed.</summary>
public static unsafe class Fds
{
    public static long Read(int fd, byte* buf, long count, string what)
    {
        while (true)
        {
            long n = Libc.read(fd, buf, (nint)count);
            if (n >= 0) return n;
            int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR) throw new SyscallException("read", what, errno);
        }
    }

    public static long Write(int fd, byte* buf, long count, string what)
    {
        while (true)
        {
            long n = Libc.write(fd, buf, (nint)count);
            if (n >= 0) return n;
            int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR) throw new SyscallException("write", what, errno);
        }
    }

    /// <summary>One read into <paramref name="buffer"/>; the count read, 0 at end of file.</summary>
    public static int Read(int fd, Span<byte> buffer, string what)
    {
        fixed (byte* p = buffer) return (int)Read(fd, p, buffer.Length, what);
    }

    /// <summary>Writes all of <paramref name="data"/>.</summary>
    public static void WriteAll(int fd, ReadOnlySpan<byte> data, string what)
    {
        fixed (byte* p = data)
        {
            long done = 0;
            while (done < data.Length) done += Write(fd, p + done, data.Length - done, what);
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> for the other end of a pipe or socket to go away
    /// (POLLERR or POLLHUP, which poll reports whatever events were asked); true if it has.
    /// </summary>
    public static bool WaitPeerClosed(int fd, int timeoutMs)
    {
        // struct pollfd: int fd, short events (0), short revents.
        long pollFd = (uint)fd;
        if (Libc.poll(&pollFd, 1, timeoutMs) <= 0) return false;
        int revents = (ushort)(pollFd >> 48);
        return (revents & (0x008 | 0x010)) != 0; // POLLERR | POLLHUP
    }

    public static void Close(int fd)
    {
        if (fd >= 0) Libc.close(fd);
    }

    /// <summary>Opens a path and returns the raw fd (O_CLOEXEC is always added).</summary>
    public static int Open(string path, int flags, int mode = 0) =>
        Check.Io(Libc.open(path, flags | Flags.O_CLOEXEC, mode), "open", path);

    /// <summary>A pipe; both ends close-on-exec.</summary>
    public static (int Read, int Write) Pipe()
    {
        int* fds = stackalloc int[2];
        Check.Io(Libc.pipe2(fds, Flags.O_CLOEXEC), "pipe2");
        return (fds[0], fds[1]);
    }

    /// <summary>
    /// Makes <paramref name="to"/> a copy of <paramref name="from"/> (dup3, so <paramref name="to"/>
    /// is inherited across exec unless <paramref name="closeOnExec"/>).
    /// </summary>
    public static void Dup2(int from, int to, bool closeOnExec = false)
    {
        while (true)
        {
            int r = Libc.dup3(from, to, closeOnExec ? Flags.O_CLOEXEC : 0);
            if (r >= 0) return;
            int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR) throw new SyscallException("dup3", $"fd {from} onto {to}", errno);
        }
    }

    /// <summary>A copy of <paramref name="fd"/> at the lowest free number, close-on-exec.</summary>
    /// <summary>
    /// Marks every descriptor from <paramref name="first"/> up close-on-exec (close_range(2) with
    /// CLOSE_RANGE_CLOEXEC): what this process inherited stays usable here but is not passed on.
    /// A kernel without it (before 5.11) leaves them as they are.
    /// </summary>
    public static void CloseOnExecFrom(int first)
    {
        if (Libc.syscall(LinuxAbi.Current.CloseRange, first, uint.MaxValue, Flags.CLOSE_RANGE_CLOEXEC, 0, 0, 0) >= 0) return;
        int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        if (errno is not (Errno.ENOSYS or Errno.EINVAL)) throw new SyscallException("close_range", $"fds {first}..", errno);
    }

    public static int Duplicate(int fd) =>
        Check.Io(Libc.fcntl(fd, Flags.F_DUPFD_CLOEXEC, 3), "fcntl", $"F_DUPFD_CLOEXEC of fd {fd}");
}
