using System.ComponentModel;
using System.Diagnostics;

namespace Cais.Runtime.Cgroups;

/// <summary>Sends SIGKILL to a process found in a cgroup.</summary>
internal static class ProcessSignals
{
    /// <summary>SIGKILLs <paramref name="pid"/>; a process that is already gone is fine.</summary>
    public static void Kill(int pid)
    {
        // Only Cais.Linux may call libc, and it exposes no kill(2) yet; Process.Kill sends
        // SIGKILL through the .NET runtime's own native shim and ignores ESRCH. Switch to a
        // Cais.Linux wrapper (or pidfd_send_signal) once there is one.
        try
        {
            using Process process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
            // Not running any more.
        }
        catch (InvalidOperationException)
        {
            // Exited between the lookup and the kill.
        }
        catch (Win32Exception e)
        {
            throw new CgroupException($"kill {pid}: {e.Message}", e.NativeErrorCode, e);
        }
    }
}
