using Cais.Runtime.Cgroups;

namespace Cais.Runtime.Tests.Cgroups;

public class CgroupLayoutTests
{
    // This development machine (Debian 12 container host, Linux 6.18): every v1 controller on
    // its own, name=systemd, and an empty cgroup2 at /sys/fs/cgroup/unified.
    internal const string HybridSample = """
        22 1 0:20 / /sys rw,nosuid,nodev,noexec,relatime - sysfs sysfs rw
        30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
        31 30 0:28 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
        32 30 0:29 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
        33 30 0:30 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset
        34 30 0:31 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
        35 30 0:32 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices
        36 30 0:33 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer
        37 30 0:34 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio
        38 30 0:35 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
        39 30 0:36 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
        40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
        """;

    // A current systemd distribution (Debian 12, Fedora, Ubuntu 22.04+).
    const string V2Sample = """
        21 26 0:20 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw
        25 21 0:23 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
        26 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro
        """;

    // CentOS 7: co-mounted controllers, named systemd hierarchy, no cgroup2.
    const string V1Sample = """
        18 62 0:17 / /sys rw,nosuid,nodev,noexec,relatime shared:6 - sysfs sysfs rw,seclabel
        24 18 0:20 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:8 - tmpfs tmpfs ro,seclabel,mode=755
        25 24 0:21 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:9 - cgroup cgroup rw,seclabel,xattr,release_agent=/usr/lib/systemd/systemd-cgroups-agent,name=systemd
        28 24 0:24 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:12 - cgroup cgroup rw,seclabel,cpu,cpuacct
        29 24 0:25 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:13 - cgroup cgroup rw,seclabel,memory
        30 24 0:26 / /sys/fs/cgroup/net_cls,net_prio rw,nosuid,nodev,noexec,relatime shared:14 - cgroup cgroup rw,seclabel,net_cls,net_prio
        31 24 0:27 / /sys/fs/cgroup/pids rw,nosuid,nodev,noexec,relatime shared:15 - cgroup cgroup rw,seclabel,pids
        """;

    [Fact]
    public void Parse_HybridHost_FindsEveryV1HierarchyAndUnified()
    {
        CgroupLayout layout = CgroupLayout.Parse(HybridSample);

        Assert.Equal(CgroupMode.Hybrid, layout.Mode);
        Assert.Equal(10, layout.Hierarchies.Count);
        Assert.Equal(["memory"], layout.Hierarchies.Single(h => h.MountPoint == "/sys/fs/cgroup/memory").Controllers);
        Assert.Equal(["name=systemd"], layout.Hierarchies.Single(h => h.MountPoint == "/sys/fs/cgroup/systemd").Controllers);
        CgroupHierarchy unified = Assert.Single(layout.Hierarchies, h => h.IsUnified);
        Assert.Equal("/sys/fs/cgroup/unified", unified.MountPoint);
        Assert.Empty(unified.Controllers);
        Assert.Equal("/sys/fs/cgroup/cpu", layout.Find("cpu")?.MountPoint);
        Assert.Equal("/sys/fs/cgroup/cpuacct", layout.Find("cpuacct")?.MountPoint);
    }

    [Fact]
    public void Parse_V2Host_OneUnifiedHierarchy()
    {
        CgroupLayout layout = CgroupLayout.Parse(V2Sample);

        Assert.Equal(CgroupMode.V2, layout.Mode);
        CgroupHierarchy h = Assert.Single(layout.Hierarchies);
        Assert.True(h.IsUnified);
        Assert.Equal("/sys/fs/cgroup", h.MountPoint);
    }

    [Fact]
    public void Parse_V1Host_KeepsCoMountedControllersAndDropsMountFlags()
    {
        CgroupLayout layout = CgroupLayout.Parse(V1Sample);

        Assert.Equal(CgroupMode.V1, layout.Mode);
        Assert.Equal(5, layout.Hierarchies.Count);
        Assert.Equal(["cpu", "cpuacct"], layout.Find("cpuacct")!.Controllers);
        Assert.Equal("/sys/fs/cgroup/cpu,cpuacct", layout.Find("cpu")!.MountPoint);
        Assert.Equal(["net_cls", "net_prio"], layout.Find("net_prio")!.Controllers);
        // seclabel, xattr and release_agent=... are mount options, not controllers.
        Assert.Equal(["name=systemd"], layout.Hierarchies[0].Controllers);
        Assert.Null(layout.Find("freezer"));
    }

    [Fact]
    public void Parse_V2WithNamedSystemdHierarchy_IsStillV2()
    {
        string text = V2Sample + "\n40 25 0:40 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd";

        Assert.Equal(CgroupMode.V2, CgroupLayout.Parse(text).Mode);
    }

    [Fact]
    public void Parse_SameHierarchyMountedTwice_KeepsTheRootMount()
    {
        const string text = """
            50 30 0:31 /docker/abc /mnt/inner rw - cgroup cgroup rw,memory
            51 30 0:31 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory
            52 30 0:31 / /mnt/again rw - cgroup cgroup rw,memory
            """;

        CgroupHierarchy h = Assert.Single(CgroupLayout.Parse(text).Hierarchies);

        Assert.Equal("/sys/fs/cgroup/memory", h.MountPoint);
    }

    [Fact]
    public void Parse_EscapedMountPoint_IsUnescaped()
    {
        const string text = @"50 30 0:31 / /mnt/my\040cgroups\134x rw shared:3 master:1 - cgroup2 none rw";

        Assert.Equal(@"/mnt/my cgroups\x", Assert.Single(CgroupLayout.Parse(text).Hierarchies).MountPoint);
    }

    [Fact]
    public void Parse_NoCgroupMount_Throws()
    {
        var e = Assert.Throws<CgroupException>(() => CgroupLayout.Parse("26 1 8:1 / / rw - ext4 /dev/sda1 rw"));

        Assert.Contains("no cgroup filesystem", e.Message);
    }

    [Fact]
    public void Parse_MalformedLine_ThrowsNamingTheLine()
    {
        var e = Assert.Throws<CgroupException>(() => CgroupLayout.Parse("31 30 0:28 / /sys/fs/cgroup/cpu rw"));

        Assert.Contains("/sys/fs/cgroup/cpu", e.Message);
    }

    [Fact]
    public void Detect_ThisHost_FindsAtLeastOneHierarchy()
    {
        if (!File.Exists("/proc/self/mountinfo")) return;

        CgroupLayout layout = CgroupLayout.Detect();

        Assert.NotEmpty(layout.Hierarchies);
        if (Directory.Exists("/sys/fs/cgroup/memory") && File.Exists("/sys/fs/cgroup/unified/cgroup.procs"))
            Assert.Equal(CgroupMode.Hybrid, layout.Mode);
    }
}
