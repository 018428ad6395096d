namespace Cais.Linux;

/// <summary>
/// A failed libc call: which call, on which object (a path, a pid, a file descriptor), and errno.
/// Every failure in Cais.Linux surfaces as this one type; higher layers add context once.
/// </summary>
public sealed class SyscallException : Exception
{
    public SyscallException(string syscall, string? target, int errno)
        : base(Format(syscall, target, errno))
    {
        Syscall = syscall;
        Target = target;
        Errno = errno;
    }

    /// <summary>The libc function or syscall that failed, e.g. "mount".</summary>
    public string Syscall { get; }

    /// <summary>The object the call was about (a path, pid or fd), when there is one.</summary>
    public string? Target { get; }

    public int Errno { get; }

    public string ErrnoName => Cais.Linux.Errno.Name(Errno);

    static string Format(string syscall, string? target, int errno) =>
        target is null
            ? $"{syscall}: {Cais.Linux.Errno.Describe(errno)}"
            : $"{syscall} {target}: {Cais.Linux.Errno.Describe(errno)}";
}
