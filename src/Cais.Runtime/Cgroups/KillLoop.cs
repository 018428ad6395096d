using System.Diagnostics;

namespace Cais.Runtime.Cgroups;

/// <summary>Kills everything in a cgroup and waits until it is empty, within a time budget.</summary>
internal static class KillLoop
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    // How long one freeze may take inside the loop: a task in an uninterruptible sleep can keep
    // a cgroup FREEZING for ever, and killing without the freeze is still better than nothing.
    static readonly TimeSpan FreezeTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Freeze, SIGKILL every process, thaw; again until the cgroup is empty. Freezing first means
    /// a process cannot fork a new one between our reading cgroup.procs and the kills. On v1, a
    /// frozen task only acts on the SIGKILL once thawed (freezer-subsystem.rst), hence the thaw.
    /// Without a freezer (<paramref name="freeze"/> null) it only kills and re-reads. A freeze
    /// that fails must leave the cgroup thawed; thaw is called only after a freeze that worked.
    /// </summary>
    public static void FreezeKillThaw(
        string cgroup, Func<IReadOnlyList<int>> pids, Action<TimeSpan>? freeze, Action? thaw) =>
        UntilEmpty(cgroup, pids, left =>
        {
            bool frozen = false;
            if (freeze is not null)
            {
                try
                {
                    freeze(FreezeTimeout);
                    frozen = true;
                    left = pids();
                }
                catch (CgroupException)
                {
                    // The freeze gave up (and thawed again): kill what we saw anyway; the next
                    // round catches what it missed.
                }
            }
            try
            {
                foreach (int pid in left) ProcessSignals.Kill(pid);
            }
            finally
            {
                if (frozen) thaw?.Invoke();
            }
        });

    /// <summary>
    /// For cgroup v2's cgroup.kill: <paramref name="kill"/> kills the whole cgroup at once (forks
    /// included, cgroup-v2.rst "cgroup.kill"); what remains is to wait until the processes are gone.
    /// </summary>
    public static void KillAndWait(string cgroup, Func<IReadOnlyList<int>> pids, Action kill) =>
        UntilEmpty(cgroup, pids, _ => kill());

    /// <summary>Runs <paramref name="round"/> on what is left, backing off, until the cgroup is empty or the budget is spent.</summary>
    static void UntilEmpty(string cgroup, Func<IReadOnlyList<int>> pids, Action<IReadOnlyList<int>> round)
    {
        var clock = Stopwatch.StartNew();
        int delayMs = 1;
        while (true)
        {
            IReadOnlyList<int> left = pids();
            if (left.Count == 0) return;
            if (clock.Elapsed > Budget) throw GaveUp(cgroup, left);
            round(left);
            Thread.Sleep(delayMs);
            delayMs = Math.Min(delayMs * 2, 50);
        }
    }

    static CgroupException GaveUp(string cgroup, IReadOnlyList<int> left) =>
        new($"could not kill every process in cgroup {cgroup} within {Budget.TotalSeconds:0} s; " +
            $"still there: {string.Join(' ', left.Take(20))}");
}
