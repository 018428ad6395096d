using System.Runtime.InteropServices;
using Cais.Linux.Interop;

namespace Cais.Linux;

/// <summary>Signals and waits on processes by pid.</summary>
public static unsafe class Processes
{
    /// <summary>kill(2); false when the process no longer exists.</summary>
    public static bool Signal(int pid, int signal)
    {
        if (Libc.kill(pid, signal) == 0) return true;
        int errno = Marshal.GetLastPInvokeError();
        if (errno == Errno.ESRCH) return false;
        throw new SyscallException("kill", $"pid {pid}", errno);
    }

    /// <summary>
    /// Waits for a child to exit and returns its status the way a shell reports it: the exit
    /// code, or 128 + the signal that killed it.
    /// </summary>
    public static int WaitExitCode(int pid)
    {
        int status;
        while (true)
        {
            int r = Libc.waitpid(pid, &status, 0);
            if (r == pid) return DecodeStatus(status);
            int errno = Marshal.GetLastPInvokeError();
            if (r < 0 && errno == Errno.EINTR) continue;
            throw new SyscallException("waitpid", $"pid {pid}", errno);
        }
    }

    /// <summary>Reaps a child if it has exited; returns null if it is still running.</summary>
    public static int? TryReap(int pid)
    {
        int status;
        int r = Libc.waitpid(pid, &status, Flags.WNOHANG);
        if (r == pid) return DecodeStatus(status);
        if (r == 0) return null;
        int errno = Marshal.GetLastPInvokeError();
        if (errno == Errno.ECHILD) return -1;
        throw new SyscallException("waitpid", $"pid {pid}", errno);
    }

    public static int DecodeStatus(int status)
    {
        int sig = status & 0x7f;
        return sig == 0 ? (status >> 8) & 0xff : 128 + sig;
    }

    /// <summary>Waits (polling) until the process is gone or a zombie, up to <paramref name="timeout"/>.</summary>
    public static bool WaitGone(int pid, ulong startTime, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (ProcFs.IsAlive(pid, startTime))
        {
            if (DateTime.UtcNow > deadline) return false;
            Thread.Sleep(5);
        }
        return true;
    }

    /// <summary>Makes this process adopt orphaned descendants (PR_SET_CHILD_SUBREAPER).</summary>
    public static void BecomeSubreaper() =>
        Check.Io(Libc.prctl(Flags.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), "prctl", "PR_SET_CHILD_SUBREAPER");

    public static int CurrentPid => Libc.getpid();

    /// <summary>Starts a new session (setsid), so signals sent to the caller's process group or terminal miss this process.</summary>
    public static void NewSession() => Check.Io(Libc.setsid(), "setsid");

    /// <summary>
    /// Waits for any child (or adopted orphan) to exit; returns its pid and shell-style exit
    /// code, or null when there are no children left.
    /// </summary>
    public static (int Pid, int ExitCode, int RawStatus)? WaitAny()
    {
        int status;
        while (true)
        {
            int r = Libc.waitpid(-1, &status, 0);
            if (r > 0) return (r, DecodeStatus(status), status);
            int errno = Marshal.GetLastPInvokeError();
            if (errno == Errno.EINTR) continue;
            if (errno == Errno.ECHILD) return null;
            throw new SyscallException("waitpid", "any child", errno);
        }
    }
}
