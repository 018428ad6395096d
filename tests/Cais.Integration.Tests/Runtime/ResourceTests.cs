using System.Diagnostics;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Runtime;

/// <summary>linux.resources as the kernel enforces them (cgroup v1 here), and rlimits the host cannot grant.</summary>
[Collection("containers")]
public sealed class ResourceTests : IDisposable
{
    const long MiB = 1024 * 1024;

    readonly RuntimeHarness h = new();

    public void Dispose() => h.Dispose();

    static string CgroupFile(string controller, string id, string file) => $"/sys/fs/cgroup/{controller}/cais/{id}/{file}";

    static string Read(string path) => File.ReadAllText(path).Trim();

    [RootFact]
    public void Run_MemoryLimit_OomKillsTheProcessThatExceedsIt()
    {
        // busybox tail keeps a line in memory until its end; /dev/zero has none. The container's
        // /sys/fs/cgroup/memory is its own cgroup: oom_control counts the kernel's kills.
        // head and tail raise their own oom_score_adj (allowed without privilege): when head's
        // next pipe write races the reaping of tail, the kernel's second memcg OOM kill must pick
        // head, not the shell, whose output the test reads (seen on 6.18: "Killed process (sh)").
        const string script =
            "(echo 1000 > /proc/self/oom_score_adj; exec head -c 200m /dev/zero) | " +
            "(echo 1000 > /proc/self/oom_score_adj; exec tail) > /dev/null; " +
            "s=$?; grep -w oom_kill /sys/fs/cgroup/memory/memory.oom_control; exit $s";
        var r = h.Run(["sh", "-c", script], s => s.Linux!.Resources!.Memory = new() { Limit = 32 * MiB, Swap = 32 * MiB });
        Assert.Equal(137, r.ExitCode);
        Assert.Matches(@"^oom_kill [12]$", r.Stdout.Trim());
    }

    [RootFact]
    public void Run_MemoryLimit_OomKillOfTheInitIsItsExitCode()
    {
        // The init itself is the process the kernel kills: the run reports 128 + SIGKILL.
        var r = h.Run(["sh", "-c", "exec tail /dev/zero"], s =>
            s.Linux!.Resources!.Memory = new() { Limit = 32 * MiB, Swap = 32 * MiB });
        Assert.Equal(137, r.ExitCode);
    }

    [RootFact]
    public void RunDetached_MemoryLimit_IsWrittenToTheContainersCgroup()
    {
        var b = h.Bundle(["sleep", "100"], s => s.Linux!.Resources!.Memory = new() { Limit = 32 * MiB, Swap = 32 * MiB });
        try
        {
            Assert.Equal(0, h.Runtime("run", "--detach", "--bundle", b.Dir, b.Id).ExitCode);
            Assert.Equal($"{32 * MiB}", Read(CgroupFile("memory", b.Id, "memory.limit_in_bytes")));
            if (File.Exists("/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes"))
                Assert.Equal($"{32 * MiB}", Read(CgroupFile("memory", b.Id, "memory.memsw.limit_in_bytes")));
            var pid = h.State(b.Id).GetProperty("pid").GetInt32();
            Assert.Contains(File.ReadAllLines($"/proc/{pid}/cgroup"), l => l.EndsWith($":memory:/cais/{b.Id}"));
        }
        finally
        {
            Assert.Equal(0, h.Runtime("delete", "--force", b.Id).ExitCode);
        }
        h.AssertNothingLeft(b.Id, b);
    }

    [RootFact]
    public void Run_PidsLimit_StopsAForkLoopAtTheLimit()
    {
        // busybox sh exits when a fork fails, so the loop runs in a subshell; the shell then counts
        // its processes with a glob (no fork): itself and the 18 sleeps the subshell started.
        var b = h.Bundle(["sh", "-c", "(for i in $(seq 1 60); do sleep 5 & done); set -- /proc/[0-9]*; echo processes $#; wait"], s =>
            s.Linux!.Resources!.Pids = new() { Limit = 20 });
        var run = Task.Run(() => h.Runtime("run", "--bundle", b.Dir, b.Id));
        string current = CgroupFile("pids", b.Id, "pids.current");
        int max = 0;
        string? limit = null;
        var clock = Stopwatch.StartNew();
        while (!run.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                max = Math.Max(max, int.Parse(Read(current)));
                limit = Read(CgroupFile("pids", b.Id, "pids.max"));
            }
            catch (Exception e) when (e is IOException or FormatException) { }
            Thread.Sleep(5);
        }
        var r = run.Result;
        Assert.Equal("20", limit);
        Assert.InRange(max, 19, 20);
        Assert.Matches("can't fork|Resource temporarily unavailable", r.Stderr);
        // Nothing else (the runtime's threads, say) used the container's pids.
        Assert.Equal("processes 19", r.Stdout.Trim());
        h.AssertNothingLeft(b.Id, b);
    }

    [RootFact]
    public void RunDetached_CpuSharesQuotaPeriodAndCpuset_AreWrittenToTheCgroup()
    {
        var b = h.Bundle(["sleep", "100"], s => s.Linux!.Resources!.Cpu = new()
        {
            Shares = 512, Quota = 25000, Period = 50000, Cpus = "0", Mems = "0",
        });
        try
        {
            Assert.Equal(0, h.Runtime("run", "--detach", "--bundle", b.Dir, b.Id).ExitCode);
            Assert.Equal("512", Read(CgroupFile("cpu", b.Id, "cpu.shares")));
            Assert.Equal("25000", Read(CgroupFile("cpu", b.Id, "cpu.cfs_quota_us")));
            Assert.Equal("50000", Read(CgroupFile("cpu", b.Id, "cpu.cfs_period_us")));
            Assert.Equal("0", Read(CgroupFile("cpuset", b.Id, "cpuset.cpus")));
            Assert.Equal("0", Read(CgroupFile("cpuset", b.Id, "cpuset.mems")));
            var inside = h.Runtime("exec", b.Id, "grep", "Cpus_allowed_list", "/proc/self/status");
            Assert.Equal("0", inside.Stdout.Split(':')[1].Trim());
        }
        finally
        {
            Assert.Equal(0, h.Runtime("delete", "--force", b.Id).ExitCode);
        }
        h.AssertNothingLeft(b.Id, b);
    }

    [RootFact]
    public void Run_CpuQuota_ThrottlesABusyLoop()
    {
        // 10 ms of CPU per 100 ms: a busy loop of one second of wall time gets about 0.1 s.
        var r = h.Run(["sh", "-c", "timeout 1 sh -c 'while :; do :; done'; cat /sys/fs/cgroup/cpu/cpu.stat"], s =>
            s.Linux!.Resources!.Cpu = new() { Quota = 10000, Period = 100000 });
        var stat = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ')).ToDictionary(p => p[0], p => long.Parse(p[1]));
        Assert.True(stat["nr_throttled"] > 0, r.Describe());
    }

    [RootFact]
    public void Run_CgroupFilesInside_AreReadOnly()
    {
        // A container that could write its own cgroup files could lift its limits.
        var b = h.Bundle(["sh", "-c", "echo max > /sys/fs/cgroup/pids/pids.max; echo -1 > /sys/fs/cgroup/memory/memory.limit_in_bytes; " +
            "cat /sys/fs/cgroup/pids/pids.max /sys/fs/cgroup/memory/memory.limit_in_bytes"], s =>
        {
            s.Linux!.Resources!.Pids = new() { Limit = 50 };
            s.Linux.Resources.Memory = new() { Limit = 64 * MiB };
        });
        var r = h.Runtime("run", "--bundle", b.Dir, b.Id);
        Assert.Equal(2, r.Stderr.Split("Read-only file system").Length - 1);
        Assert.Equal(["50", $"{64 * MiB}"], r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        h.AssertNothingLeft(b.Id, b);
    }

    [RootFact]
    public void Run_RlimitAboveTheHostsHardLimit_FailsNamingItAndLeavesNothing()
    {
        Assert.Equal("20000", ProcessRunner.Run("sh", ["-c", "ulimit -Hn"]).EnsureSuccess().Stdout.Trim());
        var b = h.Bundle(["true"], s => s.Process!.Rlimits = [new() { Type = "RLIMIT_NOFILE", Soft = 50000, Hard = 50000 }]);
        var r = h.Runtime("run", "--bundle", b.Dir, b.Id);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("RLIMIT_NOFILE", r.Stderr);
        h.AssertNothingLeft(b.Id, b);
        Assert.Empty(RuntimeHarness.ProcessesOf(b.Id));
    }

    [RootFact]
    public void Create_RlimitAboveTheHostsHardLimit_IsRefusedNamingIt()
    {
        // runc sets rlimits on the init while creating (prlimit at procReady), so `create`
        // fails; a created container that can never start is what runc never reports.
        var b = h.Bundle(["true"], s => s.Process!.Rlimits = [new() { Type = "RLIMIT_NOFILE", Soft = 50000, Hard = 50000 }]);
        var r = h.Runtime("create", "--bundle", b.Dir, b.Id);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("RLIMIT_NOFILE", r.Stderr);
        h.AssertNothingLeft(b.Id, b);
        Assert.Empty(RuntimeHarness.ProcessesOf(b.Id));
    }
}
