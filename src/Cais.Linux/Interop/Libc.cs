using System.Runtime.InteropServices;

namespace Cais.Linux.Interop;

/// <summary>
/// libc calls made by ordinary (multithreaded) managed code. Each records errno
/// (SetLastError) so <see cref="Check"/> can turn a failure into a SyscallException.
/// Calls made between fork and exec live in <see cref="ForkChild.Raw"/> instead.
/// </summary>
internal static unsafe partial class Libc
{
    const string L = "libc";

    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mount(string? source, string target, string? fstype, ulong flags, string? data);

    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int umount2(string target, int flags);

    [LibraryImport(L, SetLastError = true)]
    internal static partial int kill(int pid, int sig);

    [LibraryImport(L, SetLastError = true)]
    internal static partial int execv(byte* path, byte** argv);

    [LibraryImport(L, SetLastError = true)]
    internal static partial int waitpid(int pid, int* status, int options);

    [LibraryImport(L, SetLastError = true)]
    internal static partial int close(int fd);

    [LibraryImport(L, SetLastError = true)]
    internal static partial nint read(int fd, byte* buf, nint count);

    [LibraryImport(L, SetLastError = true)]
    internal static partial nint write(int fd, byte* buf, nint count);

    [LibraryImport(L, SetLastError = true)]
    internal static partial int socketpair(int domain, int type, int protocol, int* sv);

    [LibraryImport(L, SetLastError = true)]
    internal static partial int socket(int domain, int type, int protocol);

    [LibraryImport(L, SetLastError = true)]
    internal static partial int bind(int fd, byte* addr, int len);

    [LibraryImport(L, SetLastError = true)]
    internal static partial int listen(int fd, int backlog);

    [LibraryImport(L, SetLastError = true)]
    internal static partial int connect(int fd, byte* addr, int len);

    [LibraryImport(L, SetLastError = true)]
    internal static partial nint sendmsg(int fd, void* msg, int flags);

    [LibraryImport(L, SetLastError = true)]
    internal static partial nint recvmsg(int fd, void* msg, int flags);

    [LibraryImport(L, SetLastError = true)]
    internal static partial int poll(void* fds, nuint nfds, int timeout);

    [LibraryImport(L, SetLastError = true)]
    internal static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport(L, SetLastError = true)]
    internal static partial int ioctl(int fd, nuint request, void* arg);

    [LibraryImport(L, SetLastError = true)]
    internal static partial int tcgetattr(int fd, void* termios);

    [LibraryImport(L, SetLastError = true)]
    internal static partial int tcsetattr(int fd, int action, void* termios);

    [LibraryImport(L, SetLastError = true)]
    internal static partial int isatty(int fd);

    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int open(string path, int flags, int mode);

    [LibraryImport(L, SetLastError = true)]
    internal static partial int fcntl(int fd, int cmd, int arg);

    [LibraryImport(L, SetLastError = true)]
    internal static partial int pipe2(int* fds, int flags);

    [LibraryImport(L, SetLastError = true)]
    internal static partial int dup(int fd);

    [LibraryImport(L, SetLastError = true)]
    internal static partial int dup3(int oldFd, int newFd, int flags);

    [LibraryImport(L, SetLastError = true)]
    internal static partial int setsid();

    [LibraryImport(L, SetLastError = true)]
    internal static partial int pthread_sigmask(int how, ulong* set, ulong* old);

    [LibraryImport(L, SetLastError = true)]
    internal static partial int prlimit(int pid, int resource, ulong* newLimit, ulong* oldLimit);

    [LibraryImport(L, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mkfifo(string path, int mode);

    [LibraryImport(L, SetLastError = true)]
    internal static partial int getpid();

    [LibraryImport(L, SetLastError = true)]
    internal static partial long syscall(long number, long a, long b, long c, long d, long e, long f);

    [LibraryImport(L)]
    [SuppressGCTransition]
    internal static partial int* __errno_location();
}
