using Cais.Runtime.Spec;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Runtime;

/// <summary>
/// What confines a container's process: its capability sets, no_new_privs, masked and
/// read-only paths, oom_score_adj, device nodes, and the process table it can see.
/// </summary>
[Collection("containers")]
public sealed partial class SecurityTests : IDisposable
{
    readonly RuntimeHarness h = new();

    public void Dispose() => h.Dispose();

    // capability(7) numbers, written out here so the test does not trust cais's own table.
    static readonly string[] CapabilityNames =
    [
        "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP",
        "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER",
        "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE",
        "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP",
        "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF",
        "CHECKPOINT_RESTORE",
    ];

    static string Mask(IEnumerable<string>? names)
    {
        ulong m = 0;
        foreach (var n in names ?? [])
        {
            int bit = Array.IndexOf(CapabilityNames, n["CAP_".Length..]);
            Assert.True(bit >= 0, $"unknown capability {n}");
            m |= 1UL << bit;
        }
        return m.ToString("x16");
    }

    // The Cap* lines of /proc/self/status of a container whose init is `cat` itself: what the
    // kernel computed at the one execve after the runtime's capset.
    Dictionary<string, string> CapabilityLinesOf(Action<RuntimeSpec> configure)
    {
        var r = h.Run(["cat", "/proc/self/status"], configure);
        Assert.True(r.ExitCode == 0, r.Describe());
        return r.Stdout.Split('\n').Where(l => l.StartsWith("Cap") || l.StartsWith("NoNewPrivs"))
            .Select(l => l.Split(':', 2)).ToDictionary(p => p[0], p => p[1].Trim());
    }

    [RootFact]
    public void Run_DefaultCapabilities_AreRuncsThree()
    {
        var caps = CapabilityLinesOf(_ => { });
        Assert.Equal("0000000020000420", caps["CapEff"]);
        Assert.Equal("0000000020000420", caps["CapPrm"]);
        Assert.Equal("0000000020000420", caps["CapBnd"]);
        Assert.Equal("0000000000000000", caps["CapInh"]);
        Assert.Equal("0000000000000000", caps["CapAmb"]);
    }

    [RootFact]
    public void Run_CustomRootCapabilities_MatchTheConfigExactly()
    {
        // For uid 0 the kernel gives an exec'd program bounding | inheritable, so a set that
        // survives execve unchanged has effective = permitted = bounding.
        string[] set = ["CAP_CHOWN", "CAP_SETUID", "CAP_SETGID", "CAP_SYS_CHROOT", "CAP_NET_ADMIN", "CAP_NET_RAW"];
        var caps = CapabilityLinesOf(s => s.Process!.Capabilities = new()
        {
            Bounding = [.. set], Effective = [.. set], Permitted = [.. set], Inheritable = ["CAP_NET_RAW"],
        });
        Assert.Equal(Mask(set), caps["CapEff"]);
        Assert.Equal(Mask(set), caps["CapPrm"]);
        Assert.Equal(Mask(set), caps["CapBnd"]);
        Assert.Equal(Mask(["CAP_NET_RAW"]), caps["CapInh"]);
        Assert.Equal("0000000000000000", caps["CapAmb"]);
    }

    [RootFact]
    public void Run_AmbientCapabilitiesOfANonRootUser_SurviveExec()
    {
        // A non-root user keeps across execve only its ambient set (as permitted and effective),
        // its inheritable set and its bounding set.
        string[] bounding = ["CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_KILL", "CAP_NET_RAW", "CAP_NET_BIND_SERVICE"];
        string[] inheritable = ["CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE"];
        string[] ambient = ["CAP_CHOWN", "CAP_NET_BIND_SERVICE"];
        var caps = CapabilityLinesOf(s =>
        {
            s.Process!.User = new() { Uid = 1000, Gid = 1000 };
            s.Process.Capabilities = new()
            {
                Bounding = [.. bounding], Inheritable = [.. inheritable],
                Permitted = [.. ambient], Effective = [.. ambient], Ambient = [.. ambient],
            };
        });
        Assert.Equal(Mask(bounding), caps["CapBnd"]);
        Assert.Equal(Mask(inheritable), caps["CapInh"]);
        Assert.Equal(Mask(ambient), caps["CapAmb"]);
        Assert.Equal(Mask(ambient), caps["CapPrm"]);
        Assert.Equal(Mask(ambient), caps["CapEff"]);
    }

    [RootFact]
    public void Run_WithoutCapChown_ChownIsRefused()
    {
        var r = h.Run(["sh", "-c", "touch /tmp/f && chown 1000 /tmp/f 2>&1; stat -c %u /tmp/f"]);
        Assert.Contains("Operation not permitted", r.Stdout);
        Assert.EndsWith("0", r.Stdout.Trim());
    }

    [RootTheory]
    [InlineData(true, "1")]
    [InlineData(false, "0")]
    public void Run_NoNewPrivileges_IsVisibleInStatus(bool noNewPrivileges, string expected)
    {
        var caps = CapabilityLinesOf(s => s.Process!.NoNewPrivileges = noNewPrivileges);
        Assert.Equal(expected, caps["NoNewPrivs"]);
    }

    [RootFact]
    public void Create_CapabilityTheHostWithholds_IsRefusedNamingIt()
    {
        Assert.Contains(File.ReadAllLines("/proc/self/status"), l => l.StartsWith("CapBnd:") && (Convert.ToUInt64(l[7..].Trim(), 16) & (1UL << 24)) == 0);
        var b = h.Bundle(["true"], s => IsolationTests.AddCapability(s, "CAP_SYS_RESOURCE"));
        var r = h.Runtime("create", "--bundle", b.Dir, b.Id);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("CAP_SYS_RESOURCE", r.Stderr);
        h.AssertNothingLeft(b.Id, b);
        Assert.Empty(RuntimeHarness.ProcessesOf(b.Id));
    }

    [RootFact]
    public void Run_OomScoreAdj_IsTheContainersOwn()
    {
        var r = h.Run(["cat", "/proc/self/oom_score_adj"], s => s.Process!.OomScoreAdj = 500);
        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal("500", r.Stdout.Trim());
        Assert.NotEqual("500", File.ReadAllText("/proc/self/oom_score_adj").Trim());
    }

    [RootFact]
    public void Run_CustomDevice_IsCreatedWithItsModeAndOwnerAndCanBeOpened()
    {
        // Opened by its owner: the default capabilities have no CAP_DAC_OVERRIDE, so root could not.
        var r = h.Run(["sh", "-c", "stat -c '%A %u %g %t %T' /dev/mydev; exec 3<>/dev/mydev && echo opened"], s =>
        {
            s.Process!.User = new() { Uid = 1000, Gid = 1000 };
            s.Linux!.Devices = [new() { Type = "c", Path = "/dev/mydev", Major = 10, Minor = 229, FileMode = 0x180 /*0600*/, Uid = 1000, Gid = 1001 }];
        });
        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal(["crw------- 1000 1001 a e5", "opened"], Lines(r.Stdout));
    }

    [RootFact]
    public void Run_DeviceNotInLinuxDevices_CannotBeOpenedEvenIfMade()
    {
        // mknod is allowed (runc's "c *:* m"), opening is not: the device cgroup denies rw.
        var r = h.Run(["sh", "-c", "mknod /tmp/fuse c 10 229 && echo made; exec 3<>/tmp/fuse && echo opened"],
            s => IsolationTests.AddCapability(s, "CAP_MKNOD"));
        Assert.Equal("made", r.Stdout.Trim());
        Assert.Contains("Operation not permitted", r.Stderr);
    }

    [RootFact]
    public void Exec_IntoCreatedContainer_CannotOpenTheWaitingInitsExecutable()
    {
        // While the init waits for `start` it is still the runtime's fork; a process in the
        // container must not reach the runtime binary through /proc/1/exe (CVE-2019-5736).
        var b = h.Bundle(["sleep", "100"]);
        Assert.Equal(0, h.Runtime("create", "--bundle", b.Dir, b.Id).ExitCode);
        try
        {
            var r = h.Runtime("exec", b.Id, "sh", "-c", "cat /proc/1/exe > /dev/null && echo opened; readlink /proc/1/exe || echo no-link");
            Assert.True(r.ExitCode == 0, r.Describe());
            Assert.DoesNotContain("opened", r.Stdout);
            Assert.Contains("no-link", r.Stdout);
        }
        finally
        {
            Assert.Equal(0, h.Runtime("delete", "--force", b.Id).ExitCode);
        }
        h.AssertNothingLeft(b.Id, b);
    }

    [RootFact]
    public void Create_WaitingInit_IsNotDumpableUntilItExecs()
    {
        // A non-dumpable process's /proc files belong to root; a dumpable one's to its uid. In a
        // user namespace the init runs as host uid 100000, so the owner tells the two apart.
        var b = h.Bundle(["sleep", "100"], s =>
        {
            s.Linux!.Namespaces!.Add(new() { Type = "user" });
            s.Linux.UidMappings = [new() { ContainerId = 0, HostId = 100000, Size = 65536 }];
            s.Linux.GidMappings = [new() { ContainerId = 0, HostId = 100000, Size = 65536 }];
        });
        ProcessRunner.Run("chown", ["-R", "-h", "100000:100000", b.RootfsDir]).EnsureSuccess();
        Assert.Equal(0, h.Runtime("create", "--bundle", b.Dir, b.Id).ExitCode);
        try
        {
            var pid = h.State(b.Id).GetProperty("pid").GetInt32();
            Assert.Contains(File.ReadAllLines($"/proc/{pid}/status"), l => l.StartsWith("Uid:\t100000"));
            Assert.Equal("0", OwnerOf($"/proc/{pid}/status"));
            Assert.Equal(0, h.Runtime("start", b.Id).ExitCode);
            LifecycleTests.WaitFor(() => File.ReadAllText($"/proc/{pid}/cmdline").StartsWith("sleep"));
            Assert.Equal("100000", OwnerOf($"/proc/{pid}/status"));
        }
        finally
        {
            Assert.Equal(0, h.Runtime("delete", "--force", b.Id).ExitCode);
        }
        h.AssertNothingLeft(b.Id, b);
    }

    static string OwnerOf(string path) => ProcessRunner.Run("stat", ["-c", "%u", path]).EnsureSuccess().Stdout.Trim();

    [RootFact]
    public void Run_Ps_ListsOnlyTheContainersOwnProcesses()
    {
        // The shell glob lists /proc without starting a process of its own.
        // (busybox re-executes itself through /proc/self/exe for applets: ps shows "{exe} sleep 30".)
        // ps waits, with builtins only, until the background child has exec'd sleep: until then
        // it is still a copy of sh (its comm is "sh").
        var r = h.Run(["sh", "-c", "sleep 30 & until read -r c < /proc/$!/comm; [ \"$c\" != sh ]; do :; done; ps -o pid,args; echo /proc/[0-9]*; kill $!"]);
        Assert.True(r.ExitCode == 0, r.Describe());
        var lines = Lines(r.Stdout);
        Assert.Equal(["PID", "COMMAND"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var rows = lines[1..^1].Select(l => l.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        Assert.Equal(["1", "2", "3"], rows.Select(r => r[0]));
        Assert.StartsWith("sh -c", rows[0][1]);
        Assert.EndsWith("sleep 30", rows[1][1]);
        Assert.Contains("ps -o pid,args", rows[2][1]);
        Assert.Equal("/proc/1 /proc/2", lines[^1]);
    }

    static string[] Lines(string s) => s.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
