using Cais.Runtime.Spec;
using Cais.TestSupport;

namespace Cais.Runtime.Tests.Spec;

public class DefaultSpecTests
{
    static readonly string[] RuncMaskedPaths =
    [
        "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi", "/sys/devices/virtual/tpm",
    ];

    static readonly string[] RuncReadonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    static readonly string[] RuncMountDestinations =
        ["/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys", "/sys/fs/cgroup"];

    static string[] NamespaceTypes(RuntimeSpec spec) => [.. spec.Linux!.Namespaces!.Select(n => n.Type)];

    static MountSpec MountAt(RuntimeSpec spec, string destination) =>
        Assert.Single(spec.Mounts!, m => m.Destination == destination);

    [Fact]
    public void Create_SerializedAndParsed_RoundTripsExactly()
    {
        var json = SpecLoader.Serialize(DefaultSpec.Create());
        var again = SpecLoader.Serialize(SpecLoader.Parse(json, "config.json"));
        Assert.Equal(json, again);
        Assert.Contains("\"ociVersion\": \"1.2.0\"", json);
        Assert.Contains("\"hostname\": \"cais\"", json);
    }

    [Fact]
    public void Create_ProcessIsRuncsShellWithThreeCapabilities()
    {
        var process = DefaultSpec.Create().Process!;
        Assert.True(process.Terminal);
        Assert.Equal(["sh"], process.Args);
        Assert.Equal(["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"], process.Env);
        Assert.Equal("/", process.Cwd);
        Assert.Equal(0u, process.User.Uid);
        Assert.Equal(0u, process.User.Gid);
        Assert.True(process.NoNewPrivileges);
        string[] caps = ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"];
        Assert.Equal(caps, process.Capabilities!.Bounding);
        Assert.Equal(caps, process.Capabilities.Effective);
        Assert.Equal(caps, process.Capabilities.Permitted);
        Assert.Null(process.Capabilities.Inheritable);
        Assert.Null(process.Capabilities.Ambient);
        var rlimit = Assert.Single(process.Rlimits!);
        Assert.Equal(("RLIMIT_NOFILE", 1024UL, 1024UL), (rlimit.Type, rlimit.Hard, rlimit.Soft));
    }

    [Fact]
    public void Create_RootIsReadOnlyRootfsAndHostnameCais()
    {
        var spec = DefaultSpec.Create();
        Assert.Equal("1.2.0", spec.OciVersion);
        Assert.Equal("rootfs", spec.Root!.Path);
        Assert.True(spec.Root.Readonly);
        Assert.Equal("cais", spec.Hostname);
    }

    [Fact]
    public void Create_HasRuncsMountsMaskedAndReadonlyPaths()
    {
        var spec = DefaultSpec.Create();
        Assert.Equal(RuncMountDestinations, spec.Mounts!.Select(m => m.Destination));
        Assert.Equal(RuncMaskedPaths, spec.Linux!.MaskedPaths);
        Assert.Equal(RuncReadonlyPaths, spec.Linux.ReadonlyPaths);
        Assert.Equal("sysfs", MountAt(spec, "/sys").Type);
        Assert.Contains("ro", MountAt(spec, "/sys").Options!);
        Assert.Contains("gid=5", MountAt(spec, "/dev/pts").Options!);
        Assert.Equal(["nosuid", "noexec", "nodev", "relatime", "ro"], MountAt(spec, "/sys/fs/cgroup").Options);
        Assert.Null(MountAt(spec, "/proc").Options);
    }

    [Fact]
    public void Create_DeniesAllDevicesAndHasNoUserNamespace()
    {
        var linux = DefaultSpec.Create().Linux!;
        var rule = Assert.Single(linux.Resources!.Devices!);
        Assert.False(rule.Allow);
        Assert.Equal("rwm", rule.Access);
        Assert.Null(rule.Type);
        Assert.Null(linux.UidMappings);
        Assert.Null(linux.GidMappings);
    }

    [Theory]
    [InlineData(false, new[] { "pid", "network", "ipc", "uts", "mount" })]
    [InlineData(true, new[] { "pid", "network", "ipc", "uts", "mount", "cgroup" })]
    public void Create_Namespaces_AreRuncsWithCgroupOnlyWhenAsked(bool cgroupNamespace, string[] expected) =>
        Assert.Equal(expected, NamespaceTypes(DefaultSpec.Create(cgroupNamespace)));

    [Fact]
    public void Create_OnThisHost_AddsCgroupNamespaceOnlyOnUnifiedCgroup2()
    {
        var unified = File.Exists("/sys/fs/cgroup/cgroup.controllers");
        Assert.Equal(unified, NamespaceTypes(DefaultSpec.Create()).Contains("cgroup"));
    }

    [Fact]
    public void Create_EachCall_ReturnsAnIndependentSpec()
    {
        var first = DefaultSpec.Create();
        first.Process!.Capabilities!.Bounding!.Add("CAP_SYS_ADMIN");
        first.Mounts!.Clear();
        var second = DefaultSpec.Create();
        Assert.Equal(3, second.Process!.Capabilities!.Bounding!.Count);
        Assert.Equal(7, second.Mounts!.Count);
    }

    [Fact]
    public void CreateRootless_MapsRootToTheGivenIdsInAUserNamespace()
    {
        var spec = DefaultSpec.CreateRootless(1000, 1001, cgroupNamespace: false);
        Assert.Equal(["pid", "ipc", "uts", "mount", "user"], NamespaceTypes(spec));
        var uid = Assert.Single(spec.Linux!.UidMappings!);
        Assert.Equal((0u, 1000u, 1u), (uid.ContainerId, uid.HostId, uid.Size));
        var gid = Assert.Single(spec.Linux.GidMappings!);
        Assert.Equal((0u, 1001u, 1u), (gid.ContainerId, gid.HostId, gid.Size));
    }

    [Fact]
    public void CreateRootless_FixesMountsAsRuncDoes()
    {
        var spec = DefaultSpec.CreateRootless(1000, 1000);
        Assert.Equal(RuncMountDestinations, spec.Mounts!.Select(m => m.Destination));
        var sys = MountAt(spec, "/sys");
        Assert.Equal(("none", "/sys"), (sys.Type, sys.Source));
        Assert.Equal(["rbind", "nosuid", "noexec", "nodev", "ro"], sys.Options);
        Assert.Equal(["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"], MountAt(spec, "/dev/pts").Options);
        Assert.DoesNotContain(spec.Mounts!.SelectMany(m => m.Options ?? []), o => o.StartsWith("uid=") || o.StartsWith("gid="));
        Assert.Equal("cgroup", MountAt(spec, "/sys/fs/cgroup").Type);
        Assert.Null(spec.Linux!.Resources);
        Assert.Equal(RuncMaskedPaths, spec.Linux.MaskedPaths);
    }

    [Fact]
    public void CreateRootless_KeepsCgroupNamespaceWhenAsked()
    {
        var spec = DefaultSpec.CreateRootless(1000, 1000, cgroupNamespace: true);
        Assert.Equal(["pid", "ipc", "uts", "mount", "cgroup", "user"], NamespaceTypes(spec));
    }

    [Fact]
    public void CreateRootless_RoundTripsThroughSpecLoader()
    {
        var json = SpecLoader.Serialize(DefaultSpec.CreateRootless(1000, 1000));
        Assert.Equal(json, SpecLoader.Serialize(SpecLoader.Parse(json, "config.json")));
        Assert.Contains("\"containerID\": 0", json);
        Assert.Contains("\"hostID\": 1000", json);
    }

    // The installed runc is older (1.1: ociVersion 1.0.2-dev, ambient capabilities, no tpm mask);
    // everything else must be the same document.
    [RuncFact]
    public void Create_MatchesRuncSpecApartFromVersionHostnameAndNewerRuncChanges() =>
        Assert.Equal(RuncSpec(rootless: false), Normalized(DefaultSpec.Create()));

    [RuncFact]
    public void CreateRootless_MatchesRuncSpecRootless() =>
        Assert.Equal(RuncSpec(rootless: true), Normalized(DefaultSpec.CreateRootless(0, 0)));

    static string RuncSpec(bool rootless)
    {
        using var dir = new TempDir();
        string[] args = rootless ? ["spec", "--rootless"] : ["spec"];
        ProcessRunner.Run("runc", [.. args, "--bundle", dir.Path]).EnsureSuccess();
        return Normalized(SpecLoader.LoadBundle(dir.Path));
    }

    static string Normalized(RuntimeSpec spec)
    {
        spec.OciVersion = "normalized";
        spec.Hostname = "normalized";
        spec.Process!.Capabilities!.Ambient = null;
        spec.Linux!.MaskedPaths!.Remove("/sys/devices/virtual/tpm");
        return SpecLoader.Serialize(spec);
    }
}
