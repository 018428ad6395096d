using System.Runtime.InteropServices;
using System.Text;
using Cais.Linux.Interop;

namespace Cais.Linux;

/// <summary>
/// Unix domain sockets as raw fds, for what System.Net.Sockets cannot do: hand an fd to a
/// fork child, and receive an fd with SCM_RIGHTS (a terminal's master side).
/// </summary>
public static unsafe class UnixSockets
{
    const int PathMax = 108;

    /// <summary>A bound, listening SOCK_STREAM socket at <paramref name="path"/> (close-on-exec).</summary>
    public static int Listen(string path, int backlog = 4)
    {
        int fd = Check.Io(Libc.socket(Flags.AF_UNIX, Flags.SOCK_STREAM | Flags.SOCK_CLOEXEC, 0), "socket");
        try
        {
            WithAddress(path, (addr, len) => Check.Io(Libc.bind(fd, addr, len), "bind", path));
            Check.Io(Libc.listen(fd, backlog), "listen", path);
            return fd;
        }
        catch
        {
            Libc.close(fd);
            throw;
        }
    }

    /// <summary>A SOCK_STREAM socket connected to <paramref name="path"/> (close-on-exec).</summary>
    public static int Connect(string path)
    {
        int fd = Check.Io(Libc.socket(Flags.AF_UNIX, Flags.SOCK_STREAM | Flags.SOCK_CLOEXEC, 0), "socket");
        try
        {
            WithAddress(path, (addr, len) => Check.Io(Libc.connect(fd, addr, len), "connect", path));
            return fd;
        }
        catch
        {
            Libc.close(fd);
            throw;
        }
    }

    /// <summary>A connected pair of SOCK_STREAM sockets (close-on-exec).</summary>
    public static (int A, int B) Pair()
    {
        int* sv = stackalloc int[2];
        Check.Io(Libc.socketpair(Flags.AF_UNIX, Flags.SOCK_STREAM | Flags.SOCK_CLOEXEC, 0, sv), "socketpair");
        return (sv[0], sv[1]);
    }

    delegate int AddressUser(byte* addr, int len);

    /// <summary>
    /// Builds a sockaddr_un. Paths longer than sun_path are reached through /proc/self/fd of
    /// their directory, so deep state directories still work.
    /// </summary>
    static void WithAddress(string path, AddressUser use)
    {
        int dirFd = -1;
        string effective = path;
        if (Encoding.UTF8.GetByteCount(path) >= PathMax)
        {
            var dir = Path.GetDirectoryName(path) ?? "/";
            dirFd = Check.Io(Libc.open(dir, Flags.O_PATH | Flags.O_CLOEXEC, 0), "open", dir);
            effective = $"/proc/self/fd/{dirFd}/{Path.GetFileName(path)}";
            if (Encoding.UTF8.GetByteCount(effective) >= PathMax)
            {
                Libc.close(dirFd);
                throw new ArgumentException($"socket path too long: {path}");
            }
        }
        try
        {
            var addr = stackalloc byte[2 + PathMax];
            new Span<byte>(addr, 2 + PathMax).Clear();
            *(ushort*)addr = Flags.AF_UNIX;
            int n = Encoding.UTF8.GetBytes(effective, new Span<byte>(addr + 2, PathMax - 1));
            use(addr, 2 + n + 1);
        }
        finally
        {
            if (dirFd >= 0) Libc.close(dirFd);
        }
    }

    /// <summary>Receives one fd sent with SCM_RIGHTS (close-on-exec); throws if the peer closed without sending one.</summary>
    public static int ReceiveFd(int socket)
    {
        byte data;
        var iov = stackalloc nint[2];
        iov[0] = (nint)(&data);
        iov[1] = 1;
        var control = stackalloc byte[64];
        new Span<byte>(control, 64).Clear();
        var msg = stackalloc byte[56];
        new Span<byte>(msg, 56).Clear();
        *(nint*)(msg + 16) = (nint)iov;      // msg_iov
        *(nuint*)(msg + 24) = 1;             // msg_iovlen
        *(nint*)(msg + 32) = (nint)control;  // msg_control
        *(nuint*)(msg + 40) = 64;            // msg_controllen
        while (true)
        {
            long n = Libc.recvmsg(socket, msg, Flags.MSG_CMSG_CLOEXEC);
            if (n < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.EINTR) continue;
                throw new SyscallException("recvmsg", "console socket", errno);
            }
            if (n == 0) throw new IOException("the console socket closed before a terminal was received");
            break;
        }
        if (*(int*)(control + 8) != Flags.SOL_SOCKET || *(int*)(control + 12) != Flags.SCM_RIGHTS)
            throw new IOException("the console socket message carried no file descriptor");
        return *(int*)(control + 16);
    }
}
