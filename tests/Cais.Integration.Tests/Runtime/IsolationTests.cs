using Cais.TestSupport;

namespace Cais.Integration.Tests.Runtime;

/// <summary>What a process inside a container sees: its own PID 1, hostname, network, mounts, user.</summary>
[Collection("containers")]
public sealed class IsolationTests : IDisposable
{
    readonly RuntimeHarness h = new();

    public void Dispose() => h.Dispose();

    [RootFact]
    public void Run_Process_IsPidOneOfItsOwnNamespace()
    {
        var r = h.Run(["sh", "-c", "echo $$"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("1", r.Stdout.Trim());
    }

    [RootFact]
    public void Run_Hostname_IsTheConfiguredOne()
    {
        var r = h.Run(["hostname"], s => s.Hostname = "inner-host");
        Assert.Equal("inner-host", r.Stdout.Trim());
        Assert.NotEqual("inner-host", Environment.MachineName);
    }

    [RootFact]
    public void Run_NetworkNamespace_HasOnlyLoopback()
    {
        var r = h.Run(["ls", "/sys/class/net"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("lo", r.Stdout.Trim());
    }

    [RootFact]
    public void Run_MountMadeInside_IsInvisibleOutside()
    {
        var marker = "cais-mount-" + Guid.NewGuid().ToString("N")[..8];
        var r = h.Run(["sh", "-c", $"mkdir -p /mnt/{marker} && mount -t tmpfs {marker} /mnt/{marker} && grep -c {marker} /proc/self/mountinfo"],
            s => AddCapability(s, "CAP_SYS_ADMIN"));
        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal("1", r.Stdout.Trim());
        Assert.DoesNotContain(marker, File.ReadAllText("/proc/self/mountinfo"));
    }

    [RootFact]
    public void Run_ProcessSection_SetsUserCwdAndEnvironment()
    {
        var r = h.Run(["sh", "-c", "echo $(id -u):$(id -g):$(id -G):$(pwd):$GREETING:$HOME"], s =>
        {
            s.Process!.User.Uid = 1234;
            s.Process.User.Gid = 4321;
            s.Process.User.AdditionalGids = [4321, 77];
            s.Process.Cwd = "/var/work/dir";
            s.Process.Env = [.. s.Process.Env!, "GREETING=hi"];
        });
        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal("1234:4321:4321 77:/var/work/dir:hi:/", r.Stdout.Trim());
    }

    [RootFact]
    public void Run_HomeUnset_ComesFromTheImagesPasswd()
    {
        var r = h.Run(["sh", "-c", "echo $HOME"]);
        Assert.Equal("/root", r.Stdout.Trim());
    }

    [RootFact]
    public void Run_ReadonlyRoot_RefusesWritesButTmpfsWorks()
    {
        var r = h.Run(["sh", "-c", "touch /new-file 2>&1; touch /dev/shm/ok && echo shm-ok"], s => s.Root!.Readonly = true);
        Assert.Contains("Read-only file system", r.Stdout);
        Assert.Contains("shm-ok", r.Stdout);
    }

    [RootFact]
    public void Run_UserNamespace_MapsRootInsideToAHighUidOutside()
    {
        var b = h.Bundle(["sleep", "30"], s =>
        {
            s.Linux!.Namespaces!.Add(new() { Type = "user" });
            s.Linux.UidMappings = [new() { ContainerId = 0, HostId = 100000, Size = 65536 }];
            s.Linux.GidMappings = [new() { ContainerId = 0, HostId = 100000, Size = 65536 }];
        });
        ChownTree(b.RootfsDir, 100000);
        Assert.True(h.Runtime("run", "--detach", "--bundle", b.Dir, b.Id) is { ExitCode: 0 } r, "run --detach failed");
        var pid = h.State(b.Id).GetProperty("pid").GetInt32();
        var status = File.ReadAllLines($"/proc/{pid}/status");
        Assert.Contains(status, l => l.StartsWith("Uid:") && l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "100000");
        var inside = h.Runtime("exec", b.Id, "id", "-u");
        Assert.Equal("0", inside.Stdout.Trim());
        Assert.Equal(0, h.Runtime("delete", "--force", b.Id).ExitCode);
        h.AssertNothingLeft(b.Id, b);
    }

    [RootFact]
    public void Run_Sysctl_IsSetInTheContainersNamespaceOnly()
    {
        var before = File.ReadAllText("/proc/sys/net/ipv4/ip_forward").Trim();
        var r = h.Run(["cat", "/proc/sys/net/ipv4/ip_forward"], s =>
            s.Linux!.Sysctl = new() { ["net.ipv4.ip_forward"] = before == "1" ? "0" : "1" });
        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal(before == "1" ? "0" : "1", r.Stdout.Trim());
        Assert.Equal(before, File.ReadAllText("/proc/sys/net/ipv4/ip_forward").Trim());
    }

    [RootFact]
    public void Run_Rlimits_AreApplied()
    {
        var r = h.Run(["sh", "-c", "ulimit -n; ulimit -Hn"], s =>
            s.Process!.Rlimits = [new() { Type = "RLIMIT_NOFILE", Soft = 123, Hard = 456 }]);
        Assert.Equal(["123", "456"], r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [RootFact]
    public void Run_BindMount_IsVisibleAndReadonlyWhenAsked()
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "hello.txt"), "from the host\n");
        var r = h.Run(["sh", "-c", "cat /data/hello.txt; touch /data/x 2>&1 | grep -c Read-only"], s =>
            s.Mounts!.Add(new() { Destination = "/data", Type = "bind", Source = dir.Path, Options = ["rbind", "ro"] }));
        Assert.Equal(["from the host", "1"], r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [RootFact]
    public void Run_Devices_StandardNodesAndLinksExist()
    {
        var r = h.Run(["sh", "-c", "for d in null zero full random urandom tty; do test -c /dev/$d || echo missing $d; done; readlink /dev/fd; echo x > /dev/null && echo ok"]);
        Assert.Equal(["/proc/self/fd", "ok"], r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [RootFact]
    public void Run_NamespacePath_JoinsThatNamespaceAndStillGetsItsOwnPid1()
    {
        var first = h.Bundle(["sleep", "100"]);
        Assert.Equal(0, h.Runtime("run", "--detach", "--bundle", first.Dir, first.Id).ExitCode);
        var firstPid = h.State(first.Id).GetProperty("pid").GetInt32();
        var theirs = new FileInfo($"/proc/{firstPid}/ns/net").LinkTarget!;
        var r = h.Run(["sh", "-c", "readlink /proc/self/ns/net; echo $$"], s =>
            s.Linux!.Namespaces!.Find(n => n.Type == "network")!.Path = $"/proc/{firstPid}/ns/net");
        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal([theirs, "1"], r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    internal static void AddCapability(Cais.Runtime.Spec.RuntimeSpec s, string cap)
    {
        var c = s.Process!.Capabilities!;
        c.Bounding = [.. c.Bounding!, cap];
        c.Effective = [.. c.Effective!, cap];
        c.Permitted = [.. c.Permitted!, cap];
    }

    static void ChownTree(string root, int id)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("chown", ["-R", "-h", $"{id}:{id}", root]);
        using var p = System.Diagnostics.Process.Start(psi)!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }
}
