using Cais.Linux;

namespace Cais.Runtime.Cgroups;

/// <summary>Sends SIGKILL to a process found in a cgroup.</summary>
internal static class ProcessSignals
{
    /// <summary>SIGKILLs <paramref name="pid"/>; a process that is already gone is fine.</summary>
    public static void Kill(int pid)
    {
        try
        {
            Processes.Signal(pid, Signals.SIGKILL);
        }
        catch (SyscallException e)
        {
            throw new CgroupException($"kill {pid}: {e.Message}", e.Errno, e);
        }
    }
}
