using Cais.Linux;
using Cais.Linux.ForkChild;

namespace Cais.Runtime.Launch;

/// <summary>
/// A process started inside a running container (`exec`, and hooks that run in the
/// container's namespaces): join its namespaces, get placed in its cgroup, fork into its PID
/// namespace, then the same final steps as the init.
/// </summary>
internal static class ExecProgram
{
    public sealed record Options(int InitPid, IReadOnlyList<string> Namespaces, int ConsoleSocketFd, int PreserveFds);

    public static (ChildProgram Program, bool ForksIntoPidNamespace) Build(Options o, ResolvedProcess proc)
    {
        var p = new ChildProgram();
        try
        {
            bool fork = AddJoinAndFork(p, o.InitPid, o.Namespaces);
            int master = p.NewSlot(), slave = p.NewSlot();
            if (proc.Process.Terminal)
            {
                if (o.ConsoleSocketFd < 0) throw new InvalidOperationException("a terminal needs a console socket");
                p.Open("/dev/pts/ptmx", Flags.O_RDWR | Flags.O_NOCTTY, master, "open /dev/pts/ptmx in the container");
                var size = proc.Process.ConsoleSize;
                p.OpenPtyPeer(master, slave, (int)(size?.Height ?? 0), (int)(size?.Width ?? 0));
                p.FchownSlot(slave, (int)proc.Process.User.Uid, -1, "give the terminal to the process's user");
                p.SendFd(o.ConsoleSocketFd, master, "send the terminal to the console socket");
            }
            p.ResolveExecutable(proc.Candidates, proc.ExecutableDescription);
            p.Chdir(proc.Process.Cwd);
            p.Wait(SyncMessage.CgroupJoined);
            // Set-up is over: the process must outlive the runtime (exec --detach, or a runtime
            // that dies while waiting), as the init outlives create.
            p.SetParentDeathSignal(0);
            ProcessSteps.AddFinal(p, proc, proc.Process.Terminal ? slave : -1, o.PreserveFds);
            return (p, fork);
        }
        catch
        {
            p.Dispose();
            throw;
        }
    }

    /// <summary>Joins the init's namespaces, waits for the parent (cgroup), forks into the PID namespace. True if it forks.</summary>
    public static bool AddJoinAndFork(ChildProgram p, int initPid, IReadOnlyList<string> namespaces)
    {
        p.SetDumpable(false);
        p.SetParentDeathSignal(Signals.SIGKILL);
        var fds = JoinSteps.OpenOfProcess(p, initPid, namespaces);
        JoinSteps.AddJoins(p, fds);
        p.Send(SyncMessage.ReadyForSetup);
        p.Wait(SyncMessage.Go);
        bool fork = fds.Any(f => f.Kind == NamespaceKind.Pid);
        if (fork)
        {
            p.ForkIntoPidNamespace(CloneFlags.CLONE_PARENT);
            p.SetParentDeathSignal(Signals.SIGKILL);
        }
        return fork;
    }
}
