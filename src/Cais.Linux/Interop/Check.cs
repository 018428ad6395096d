using System.Runtime.InteropServices;

namespace Cais.Linux.Interop;

/// <summary>
/// The one choke point that turns a -1 return into a SyscallException, and that retries
/// EINTR so callers never see it.
/// </summary>
internal static class Check
{
    internal static int Io(int result, string syscall, string? target = null)
    {
        if (result < 0) throw new SyscallException(syscall, target, Marshal.GetLastPInvokeError());
        return result;
    }

    internal static long Io(long result, string syscall, string? target = null)
    {
        if (result < 0) throw new SyscallException(syscall, target, Marshal.GetLastPInvokeError());
        return result;
    }

    /// <summary>Runs <paramref name="call"/> again while it fails with EINTR.</summary>
    internal static int Retry(Func<int> call, string syscall, string? target = null)
    {
        while (true)
        {
            int r = call();
            if (r >= 0) return r;
            int errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR) throw new SyscallException(syscall, target, errno);
        }
    }

    internal static long Retry(Func<long> call, string syscall, string? target = null)
    {
        while (true)
        {
            long r = call();
            if (r >= 0) return r;
            int errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR) throw new SyscallException(syscall, target, errno);
        }
    }
}
