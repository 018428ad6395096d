using System.Diagnostics;

namespace Cais.Runtime.Cgroups;

/// <summary>The v1 freezer (Documentation/admin-guide/cgroup-v1/freezer-subsystem.rst).</summary>
internal static class V1Freezer
{
    const string State = "freezer.state";

    /// <summary>
    /// Writes FROZEN and waits until freezer.state reads FROZEN (it reads FREEZING while tasks
    /// are still being stopped). The write is repeated now and then, as runc does: each write
    /// walks the tasks again and catches ones that were forked meanwhile. On timeout the
    /// cgroup is thawed again, so a failed freeze never leaves it half frozen.
    /// </summary>
    public static void Freeze(CgroupDir dir, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        for (int round = 0; ; round++)
        {
            if (round % 20 == 0) dir.Write(State, "FROZEN");
            string state = dir.Read(State);
            if (state == "FROZEN") return;
            if (clock.Elapsed > timeout)
            {
                dir.Write(State, "THAWED");
                throw new CgroupException(
                    $"freezing {dir.Path} timed out after {timeout.TotalSeconds:0.#} s ({State} {state}); thawed it again");
            }
            Thread.Sleep(Math.Min(1 + round, 10));
        }
    }

    public static void Thaw(CgroupDir dir) => dir.Write(State, "THAWED");
}
