using Cais.TestSupport;

namespace Cais.Integration.Tests.Runtime;

/// <summary>Paths: masked and read-only paths, mount points reached through symbolic links, and exec'd processes.</summary>
public sealed partial class SecurityTests
{
    [RootFact]
    public void Run_MaskedDirectories_AreEmpty()
    {
        Assert.NotEmpty(Directory.EnumerateFileSystemEntries("/sys/firmware"));
        var r = h.Run(["sh", "-c", "ls -A /sys/firmware | wc -l; ls -A /proc/acpi | wc -l; touch /sys/firmware/x 2>&1 | grep -c Read-only"]);
        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal(["0", "0", "1"], Lines(r.Stdout));
    }

    [RootFact]
    public void Run_MaskedFiles_ReadEmpty()
    {
        Assert.NotEmpty(File.ReadAllText("/proc/timer_list"));
        var r = h.Run(["sh", "-c", "wc -c < /proc/keys; wc -c < /proc/timer_list; test -c /proc/keys && echo char-device"]);
        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal(["0", "0", "char-device"], Lines(r.Stdout));
    }

    [RootTheory]
    [InlineData("/proc/sys/net/ipv4/ip_forward")]
    [InlineData("/proc/sys/kernel/domainname")]
    [InlineData("/proc/sys/kernel/hostname")]
    public void Run_WriteToReadonlyPath_FailsWithReadOnlyFileSystem(string path)
    {
        // CAP_SYS_ADMIN and CAP_NET_ADMIN would allow these writes in the container's own
        // namespaces: only the read-only mount stops them.
        var before = File.ReadAllText(path);
        var r = h.Run(["sh", "-c", $"echo 1 > {path}"], s =>
        {
            IsolationTests.AddCapability(s, "CAP_SYS_ADMIN");
            IsolationTests.AddCapability(s, "CAP_NET_ADMIN");
        });
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("Read-only file system", r.Stderr);
        Assert.Equal(before, File.ReadAllText(path));
    }

    [RootFact]
    public void Run_MountPointThroughAnAbsoluteSymlink_IsResolvedInsideTheRoot()
    {
        // The image's /evil points at an absolute path that also exists on the host: the mount
        // must land on that path inside the root, never on the host's (CVE-2021-30465 family).
        using var host = new TempDir();
        var marker = "cais-evil-" + Guid.NewGuid().ToString("N")[..8];
        var b = h.Bundle(["sh", "-c", $"touch /evil/inside && grep -c ' {host.Path} .* {marker} ' /proc/self/mountinfo"], s =>
            s.Mounts!.Add(new() { Destination = "/evil", Type = "tmpfs", Source = marker, Options = ["size=1m"] }));
        Directory.CreateDirectory(b.RootfsDir + host.Path);
        File.CreateSymbolicLink(Path.Combine(b.RootfsDir, "evil"), host.Path);
        var r = h.Runtime("run", "--bundle", b.Dir, b.Id);
        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal("1", r.Stdout.Trim());
        Assert.Empty(Directory.EnumerateFileSystemEntries(host.Path));
        Assert.DoesNotContain(marker, File.ReadAllText("/proc/self/mountinfo"));
        h.AssertNothingLeft(b.Id, b);
    }

    [RootFact]
    public void Exec_Process_HasTheContainersCapabilitiesNoNewPrivsAndCgroup()
    {
        string[] set = ["CAP_CHOWN", "CAP_KILL", "CAP_NET_RAW"];
        var b = h.Bundle(["sleep", "100"], s => s.Process!.Capabilities = new() { Bounding = [.. set], Effective = [.. set], Permitted = [.. set] });
        Assert.Equal(0, h.Runtime("run", "--detach", "--bundle", b.Dir, b.Id).ExitCode);
        try
        {
            var r = h.Runtime("exec", b.Id, "sh", "-c", "grep -E '^(CapEff|CapBnd|NoNewPrivs)' /proc/self/status; grep :memory: /proc/self/cgroup");
            Assert.True(r.ExitCode == 0, r.Describe());
            var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal($"CapEff:\t{Mask(set)}", lines[0]);
            Assert.Equal($"CapBnd:\t{Mask(set)}", lines[1]);
            Assert.Equal("NoNewPrivs:\t1", lines[2]);
            Assert.EndsWith($":memory:/cais/{b.Id}", lines[3]);
            // runc's --cap adds to the exec'd process's bounding, effective and permitted sets
            // (the caller is root on the host); the container's init keeps its own.
            var more = h.Runtime("exec", "--cap", "CAP_SYS_ADMIN", b.Id, "grep", "-E", "^Cap(Eff|Bnd)", "/proc/self/status");
            Assert.Equal([$"CapEff:\t{Mask([.. set, "CAP_SYS_ADMIN"])}", $"CapBnd:\t{Mask([.. set, "CAP_SYS_ADMIN"])}"],
                more.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            var init = h.State(b.Id).GetProperty("pid").GetInt32();
            Assert.Contains(File.ReadAllLines($"/proc/{init}/status"), l => l == $"CapEff:\t{Mask(set)}");
        }
        finally
        {
            Assert.Equal(0, h.Runtime("delete", "--force", b.Id).ExitCode);
        }
        h.AssertNothingLeft(b.Id, b);
    }
}
