using Cais.Linux;
using Cais.Linux.ForkChild;
using Cais.Runtime.Launch;
using Cais.Runtime.Spec;
using Cais.TestSupport;

namespace Cais.Runtime.Tests.Launch;

/// <summary>
/// The init program is data: these tests read back what a container's set-up will do, in
/// order, without running it (and without root).
/// </summary>
public class InitProgramTests : IDisposable
{
    readonly TempDir bundle = new();

    public InitProgramTests()
    {
        Directory.CreateDirectory(Path.Combine(bundle.Path, "rootfs", "etc"));
        File.WriteAllText(Path.Combine(bundle.Path, "rootfs", "etc", "passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    }

    public void Dispose() => bundle.Dispose();

    (ChildProgram Program, InitLayout Layout) Build(Action<RuntimeSpec>? configure = null, bool hooks = false, int console = -1)
    {
        var spec = DefaultSpec.Create();
        spec.Process!.Terminal = false;
        configure?.Invoke(spec);
        var rootfs = Path.Combine(bundle.Path, "rootfs");
        var ctx = new InitContext
        {
            Spec = spec, Bundle = bundle.Path, Rootfs = rootfs, Namespaces = NamespacePlan.From(spec),
            CgroupMounts = [("memory", "/sys/fs/cgroup/memory/cais/x"), ("cpu,cpuacct", "/sys/fs/cgroup/cpu,cpuacct/cais/x")],
            StartListenFd = 9, StopForHooks = hooks, ConsoleSocketFd = console,
        };
        return InitProgram.Build(ctx, ProcessSteps.Resolve(spec.Process, rootfs));
    }

    static int IndexOf(ChildProgram p, OpCode code, string? descriptionPart = null)
    {
        for (int i = 0; i < p.Codes.Count; i++)
            if (p.Codes[i] == code && (descriptionPart is null || p.Descriptions[i].Contains(descriptionPart))) return i;
        return -1;
    }

    [Fact]
    public void Build_DefaultSpec_RunsTheSetUpInTheRequiredOrder()
    {
        var (p, layout) = Build();
        using var _ = p;
        // Nothing joined by path: cloned straight into every namespace, no unshare or second fork.
        Assert.False(layout.ForksIntoPidNamespace);
        Assert.False(layout.NewUserNamespace);
        Assert.Equal(CloneFlags.CLONE_NEWPID | CloneFlags.CLONE_NEWNET | CloneFlags.CLONE_NEWIPC | CloneFlags.CLONE_NEWUTS | CloneFlags.CLONE_NEWNS,
            layout.CloneFlags);
        Assert.Equal(-1, IndexOf(p, OpCode.Unshare));
        Assert.Equal(OpCode.SetDumpable, p.Codes[0]);
        int ready = IndexOf(p, OpCode.Send, "ReadyForSetup"), go = IndexOf(p, OpCode.Wait, "Go");
        int proc = IndexOf(p, OpCode.MountFs, "mount proc on /proc");
        int joined = IndexOf(p, OpCode.Wait, "CgroupJoined"), pivot = IndexOf(p, OpCode.PivotRoot);
        int readonlyPath = IndexOf(p, OpCode.ReadonlyPath), mask = IndexOf(p, OpCode.MaskPath);
        int created = IndexOf(p, OpCode.Send, "Created"), start = IndexOf(p, OpCode.AwaitStart);
        int setuid = IndexOf(p, OpCode.SetResUid), capset = IndexOf(p, OpCode.Capset), exec = IndexOf(p, OpCode.Exec);
        Assert.True(ready < go && go < proc && proc < joined && joined < pivot, string.Join("\n", p.Descriptions));
        Assert.True(pivot < readonlyPath && readonlyPath < mask && mask < created && created < start);
        Assert.True(start < setuid && setuid < capset && capset < exec);
        Assert.Equal(p.Codes.Count - 1, exec);
    }

    [Fact]
    public void Build_NamespaceJoinedByPath_JoinsFirstThenUnsharesAndForks()
    {
        var (p, layout) = Build(s => s.Linux!.Namespaces!.Find(n => n.Type == "network")!.Path = "/proc/self/ns/net");
        using var _ = p;
        Assert.Equal(CloneFlags.None, layout.CloneFlags);
        Assert.True(layout.ForksIntoPidNamespace);
        int join = IndexOf(p, OpCode.SetNs, "network"), unshare = IndexOf(p, OpCode.Unshare);
        int fork = IndexOf(p, OpCode.ForkIntoPidNamespace);
        Assert.True(join >= 0 && join < unshare && unshare < fork);
        Assert.DoesNotContain("CLONE_NEWNET", p.DescriptionOf(unshare));
    }

    [Fact]
    public void Build_CgroupMount_BindsEachHierarchyAndLinksCombinedOnes()
    {
        var (p, _) = Build();
        using var _p = p;
        Assert.True(IndexOf(p, OpCode.BindMount, "bind cgroup memory on /sys/fs/cgroup/memory") >= 0);
        Assert.True(IndexOf(p, OpCode.SymlinkInRoot, "/sys/fs/cgroup/cpu -> cpu,cpuacct") >= 0);
        Assert.True(IndexOf(p, OpCode.SetMountAttr, "make /sys/fs/cgroup read-only") > IndexOf(p, OpCode.PivotRoot));
    }

    [Fact]
    public void Build_Devices_AreCreatedWithMknodOutsideUserNamespaces()
    {
        var (p, _) = Build();
        using var _p = p;
        Assert.True(IndexOf(p, OpCode.MknodInRoot, "/dev/null") >= 0);
        Assert.True(IndexOf(p, OpCode.SymlinkInRoot, "/dev/ptmx -> pts/ptmx") >= 0);
    }

    [Fact]
    public void Build_UserNamespace_AsksForMapsFirstAndBindsDevices()
    {
        var (p, layout) = Build(s =>
        {
            s.Linux!.Namespaces!.Add(new() { Type = "user" });
            s.Linux.UidMappings = [new() { HostId = 1000, Size = 1 }];
            s.Linux.GidMappings = [new() { HostId = 1000, Size = 1 }];
        });
        using var _ = p;
        Assert.True(layout.NewUserNamespace);
        Assert.True((layout.CloneFlags & CloneFlags.CLONE_NEWUSER) != 0);
        Assert.True(IndexOf(p, OpCode.BecomeRoot) > IndexOf(p, OpCode.Wait, "Go"));
        Assert.Equal(-1, IndexOf(p, OpCode.MknodInRoot));
        Assert.True(IndexOf(p, OpCode.BindMount, "bind device /dev/null") >= 0);
    }

    [Fact]
    public void Build_Hooks_StopBeforePivotRoot()
    {
        var (p, _) = Build(hooks: true);
        using var _p = p;
        int point = IndexOf(p, OpCode.Send, "HooksPoint");
        Assert.True(point > 0 && point < IndexOf(p, OpCode.PivotRoot));
        Assert.Equal(point + 1, IndexOf(p, OpCode.Wait, "Continue"));
    }

    [Fact]
    public void Build_Terminal_OpensThePtyInTheContainersDevptsAndSendsIt()
    {
        var (p, _) = Build(s => s.Process!.Terminal = true, console: 7);
        using var _p = p;
        int open = IndexOf(p, OpCode.OpenInRoot, "/dev/pts/ptmx"), send = IndexOf(p, OpCode.SendFd);
        Assert.True(open > IndexOf(p, OpCode.MountFs, "devpts") && send > open);
        Assert.True(IndexOf(p, OpCode.AttachTerminal) > IndexOf(p, OpCode.AwaitStart));
    }

    [Fact]
    public void Build_SysctlAndHostname_HappenAfterPivot()
    {
        var (p, _) = Build(s => s.Linux!.Sysctl = new() { ["net.ipv4.ip_forward"] = "1" });
        using var _p = p;
        int sysctl = IndexOf(p, OpCode.WriteFile, "net.ipv4.ip_forward");
        Assert.True(sysctl > IndexOf(p, OpCode.PivotRoot) && sysctl < IndexOf(p, OpCode.ReadonlyPath));
        Assert.True(IndexOf(p, OpCode.SetHostname, "cais") > IndexOf(p, OpCode.PivotRoot));
    }

    [Fact]
    public void Build_ProcAndSysfsTargets_MayNotBeSymlinks()
    {
        // CVE-2019-19921: a /proc that is a symlink must not lead the mount elsewhere.
        var (p, _) = Build();
        using var _p = p;
        Assert.True(IndexOf(p, OpCode.OpenInRoot, "open mount point /proc") >= 0);
        Assert.True(IndexOf(p, OpCode.OpenInRoot, "open mount point /sys") >= 0);
    }
}
