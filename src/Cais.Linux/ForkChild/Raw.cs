using System.Runtime.InteropServices;

namespace Cais.Linux.ForkChild;

/// <summary>
/// libc entry points that a fork child may call before it execs. Every one is marked
/// [SuppressGCTransition]: the child must never switch GC modes, because a GC that was in
/// progress in the parent at fork time would block the transition forever. None of them
/// allocates or takes a lock. errno is read straight from libc's thread-local.
/// Credentials (setresuid, setgroups, capset) go through <see cref="syscall"/>: glibc's
/// wrappers broadcast to every thread glibc thinks exists, and after a raw clone that list
/// still names the parent's threads.
/// </summary>
internal static unsafe partial class Raw
{
    const string L = "libc";

    [LibraryImport(L), SuppressGCTransition] internal static partial long syscall(long n, long a, long b, long c, long d, long e, long f);
    [LibraryImport(L), SuppressGCTransition] internal static partial int fork();
    [LibraryImport(L), SuppressGCTransition] internal static partial void _exit(int status);
    [LibraryImport(L), SuppressGCTransition] internal static partial int close(int fd);
    [LibraryImport(L), SuppressGCTransition] internal static partial int dup2(int from, int to);
    [LibraryImport(L), SuppressGCTransition] internal static partial nint read(int fd, void* buf, nint n);
    [LibraryImport(L), SuppressGCTransition] internal static partial nint write(int fd, void* buf, nint n);
    [LibraryImport(L), SuppressGCTransition] internal static partial nint send(int fd, void* buf, nint n, int flags);
    [LibraryImport(L), SuppressGCTransition] internal static partial nint recv(int fd, void* buf, nint n, int flags);
    [LibraryImport(L), SuppressGCTransition] internal static partial nint sendmsg(int fd, void* msg, int flags);
    [LibraryImport(L), SuppressGCTransition] internal static partial int accept4(int fd, void* addr, void* len, int flags);
    [LibraryImport(L), SuppressGCTransition] internal static partial int setns(int fd, int nstype);
    [LibraryImport(L), SuppressGCTransition] internal static partial int unshare(int flags);
    [LibraryImport(L), SuppressGCTransition] internal static partial int mount(byte* src, byte* target, byte* fstype, ulong flags, byte* data);
    [LibraryImport(L), SuppressGCTransition] internal static partial int umount2(byte* target, int flags);
    [LibraryImport(L), SuppressGCTransition] internal static partial int chdir(byte* path);
    [LibraryImport(L), SuppressGCTransition] internal static partial int fchdir(int fd);
    [LibraryImport(L), SuppressGCTransition] internal static partial int chroot(byte* path);
    [LibraryImport(L), SuppressGCTransition] internal static partial int openat(int dirfd, byte* path, int flags, int mode);
    [LibraryImport(L), SuppressGCTransition] internal static partial int mkdirat(int dirfd, byte* path, int mode);
    [LibraryImport(L), SuppressGCTransition] internal static partial int mknodat(int dirfd, byte* path, int mode, ulong dev);
    [LibraryImport(L), SuppressGCTransition] internal static partial int fchownat(int dirfd, byte* path, int uid, int gid, int flags);
    [LibraryImport(L), SuppressGCTransition] internal static partial int fchown(int fd, int uid, int gid);
    [LibraryImport(L), SuppressGCTransition] internal static partial int symlinkat(byte* target, int dirfd, byte* path);
    [LibraryImport(L), SuppressGCTransition] internal static partial int statx(int dirfd, byte* path, int flags, uint mask, void* buf);
    [LibraryImport(L), SuppressGCTransition] internal static partial int sethostname(byte* name, nint len);
    [LibraryImport(L), SuppressGCTransition] internal static partial int setdomainname(byte* name, nint len);
    [LibraryImport(L), SuppressGCTransition] internal static partial int prctl(int option, nuint a, nuint b, nuint c, nuint d);
    [LibraryImport(L), SuppressGCTransition] internal static partial int umask(int mask);
    [LibraryImport(L), SuppressGCTransition] internal static partial int setsid();
    [LibraryImport(L), SuppressGCTransition] internal static partial int ioctl(int fd, nuint request, void* arg);
    [LibraryImport(L), SuppressGCTransition] internal static partial nint signal(int sig, nint handler);
    [LibraryImport(L), SuppressGCTransition] internal static partial int sigprocmask(int how, ulong* set, ulong* old);
    [LibraryImport(L), SuppressGCTransition] internal static partial int execve(byte* path, byte** argv, byte** envp);
    [LibraryImport(L), SuppressGCTransition] internal static partial int* __errno_location();
    [LibraryImport(L), SuppressGCTransition] internal static partial int clock_gettime(int clock, long* ts);

    internal static int Errno => *__errno_location();
}
