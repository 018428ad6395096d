namespace Cais.Runtime.Cgroups;

/// <summary>
/// A cgroup operation failed. The message names the file or directory and, for writes,
/// the value ("write 10 to /sys/fs/cgroup/pids/cais/x/pids.max: Invalid argument").
/// </summary>
public sealed class CgroupException : Exception
{
    public CgroupException(string message) : base(message) { }

    public CgroupException(string message, Exception inner) : base(message, inner) { }

    public CgroupException(string message, int errno, Exception? inner = null) : base(message, inner)
    {
        Errno = errno;
    }

    /// <summary>The kernel's errno when the failure came from a syscall, else 0.</summary>
    public int Errno { get; }
}
