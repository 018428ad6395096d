using System.Runtime;
using Cais.Linux.Interop;

namespace Cais.Linux.ForkChild;

/// <summary>
/// Forks a child that runs a <see cref="ChildProgram"/>. The fork happens with every signal
/// blocked (so no handler of the .NET runtime runs in the child) and inside a no-GC region
/// (so no collection can be suspending threads at the instant of the fork; see DESIGN.md).
/// Callers that keep talking to the child before it execs should hold a
/// <see cref="NoGcScope"/> across that too.
/// </summary>
public static unsafe class ChildLauncher
{
    /// <summary>
    /// Starts <paramref name="program"/> in a new process. With <paramref name="namespaces"/>, the
    /// process is cloned straight into new namespaces (clone(2) may do this from a multithreaded
    /// process, unlike unshare(2) for a user namespace); with a new PID namespace it is PID 1.
    /// </summary>
    public static ChildProcess Start(ChildProgram program, CloneFlags namespaces = CloneFlags.None)
    {
        JitPreparation.EnsurePrepared();
        int* sv = stackalloc int[2];
        Check.Io(Libc.socketpair(Flags.AF_UNIX, Flags.SOCK_SEQPACKET | Flags.SOCK_CLOEXEC, 0, sv), "socketpair");
        int parentFd = sv[0], childFd = sv[1];
        ProgramHeader* header;
        try
        {
            header = program.Seal(childFd, parentFd);
        }
        catch
        {
            Libc.close(parentFd);
            Libc.close(childFd);
            throw;
        }

        using var noGc = new NoGcScope();

        ulong* all = stackalloc ulong[16];
        ulong* old = stackalloc ulong[16];
        for (int i = 0; i < 16; i++) all[i] = ulong.MaxValue;
        Libc.pthread_sigmask(Flags.SIG_SETMASK, all, old);
        const long SIGCHLD = 17;
        int pid = namespaces == CloneFlags.None
            ? Raw.fork()
            : (int)Raw.syscall(LinuxAbi.Current.Clone, (long)namespaces | SIGCHLD, 0, 0, 0, 0, 0);
        if (pid == 0)
        {
            Runner.Run(header); // never returns
        }
        int forkErrno = Raw.Errno;
        Libc.pthread_sigmask(Flags.SIG_SETMASK, old, null);
        Libc.close(childFd);
        if (pid < 0)
        {
            Libc.close(parentFd);
            throw new SyscallException("fork", null, forkErrno);
        }
        return new ChildProcess(pid, new SyncChannel(parentFd, program));
    }
}

/// <summary>A forked child running a program, and the parent's end of its sync socket.</summary>
public sealed class ChildProcess(int pid, SyncChannel channel) : IDisposable
{
    /// <summary>The pid fork returned (the first process; a PID-namespace child reports its own pid later).</summary>
    public int Pid { get; } = pid;

    public SyncChannel Channel { get; } = channel;

    public void Dispose() => Channel.Dispose();
}
