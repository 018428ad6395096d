using Cais.Linux;
using Cais.Runtime.Launch;
using Cais.Runtime.Spec;
using Cais.TestSupport;

namespace Cais.Runtime.Tests.Launch;

public class ProcessStepsTests : IDisposable
{
    readonly TempDir rootfs = new();

    public ProcessStepsTests()
    {
        Directory.CreateDirectory(Path.Combine(rootfs.Path, "etc"));
        File.WriteAllText(Path.Combine(rootfs.Path, "etc", "passwd"), "root:x:0:0:root:/root:/bin/sh\nbob:x:1000:1000::/home/bob:/bin/sh\n");
    }

    public void Dispose() => rootfs.Dispose();

    static ProcessSpec Proc(Action<ProcessSpec>? c = null)
    {
        var p = new ProcessSpec { Args = ["sh"], Env = ["PATH=/bin"], Cwd = "/" };
        c?.Invoke(p);
        return p;
    }

    [Fact]
    public void Resolve_NoHome_TakesItFromTheImagesPasswd()
    {
        var r = ProcessSteps.Resolve(Proc(p => p.User.Uid = 1000), rootfs.Path);
        Assert.Contains("HOME=/home/bob", r.Env);
    }

    [Fact]
    public void Resolve_UnknownUid_HomeIsSlash() =>
        Assert.Contains("HOME=/", ProcessSteps.Resolve(Proc(p => p.User.Uid = 4242), rootfs.Path).Env);

    [Fact]
    public void Resolve_PasswdSymlinkedOutOfTheRoot_IsNotFollowedOut()
    {
        File.Delete(Path.Combine(rootfs.Path, "etc", "passwd"));
        File.CreateSymbolicLink(Path.Combine(rootfs.Path, "etc", "passwd"), "/etc/passwd");
        // Inside the root, /etc/passwd is the link itself: it resolves to itself (ELOOP) or to
        // nothing, never to the host's file.
        var r = ProcessSteps.Resolve(Proc(), rootfs.Path);
        Assert.Contains("HOME=/", r.Env);
    }

    [Theory]
    [InlineData("RLIMIT_BOGUS", 1UL, 1UL, "unknown rlimit")]
    [InlineData("RLIMIT_NOFILE", 10UL, 5UL, "above its hard limit")]
    public void Resolve_BadRlimit_IsRefused(string type, ulong soft, ulong hard, string message)
    {
        var e = Assert.Throws<InvalidSpecException>(() =>
            ProcessSteps.Resolve(Proc(p => p.Rlimits = [new() { Type = type, Soft = soft, Hard = hard }]), rootfs.Path));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Resolve_DuplicateRlimit_IsRefused() =>
        Assert.Throws<InvalidSpecException>(() => ProcessSteps.Resolve(Proc(p => p.Rlimits =
            [new() { Type = "RLIMIT_NOFILE", Soft = 1, Hard = 1 }, new() { Type = "RLIMIT_NOFILE", Soft = 2, Hard = 2 }]), rootfs.Path));

    [Fact]
    public void Resolve_RelativeCwd_IsRefused() =>
        Assert.Contains("absolute", Assert.Throws<InvalidSpecException>(() => ProcessSteps.Resolve(Proc(p => p.Cwd = "tmp"), rootfs.Path)).Message);

    [Fact]
    public void Resolve_EnvWithoutEquals_IsRefused() =>
        Assert.Throws<InvalidSpecException>(() => ProcessSteps.Resolve(Proc(p => p.Env = ["NOEQUALS"]), rootfs.Path));

    [Fact]
    public void Resolve_NoArgs_IsRefused() =>
        Assert.Throws<InvalidSpecException>(() => ProcessSteps.Resolve(Proc(p => p.Args = []), rootfs.Path));

    [Fact]
    public void Resolve_Capabilities_BecomeMasks()
    {
        var r = ProcessSteps.Resolve(Proc(p => p.Capabilities = new()
        {
            Bounding = ["CAP_KILL", "CAP_CHOWN"], Effective = ["CAP_KILL"], Permitted = ["CAP_KILL"], Inheritable = ["CAP_KILL"], Ambient = ["CAP_KILL"],
        }), rootfs.Path);
        Assert.Equal((1UL << 5) | 1UL, r.Capabilities.Bounding);
        Assert.Equal(1UL << 5, r.Capabilities.Effective);
        Assert.Equal(1UL << 5, r.Capabilities.Ambient);
    }

    [Fact]
    public void Resolve_AmbientNotInheritable_IsLeftOutWithAWarning()
    {
        var r = ProcessSteps.Resolve(Proc(p => p.Capabilities = new()
        {
            Bounding = ["CAP_KILL"], Effective = ["CAP_KILL"], Permitted = ["CAP_KILL"], Ambient = ["CAP_KILL"],
        }), rootfs.Path);
        Assert.Equal(0UL, r.Capabilities.Ambient);
        Assert.Contains(r.Capabilities.Warnings, w => w.Contains("CAP_KILL") && w.Contains("inheritable"));
    }

    [Fact]
    public void Resolve_UnknownCapability_IsAWarningNotAnError()
    {
        var r = ProcessSteps.Resolve(Proc(p => p.Capabilities = new() { Bounding = ["CAP_FLY"] }), rootfs.Path);
        Assert.Contains(r.Capabilities.Warnings, w => w.Contains("CAP_FLY"));
    }

    [Fact]
    public void Resolve_CapabilityTheHostWithholds_IsRefusedByName()
    {
        ulong have = Capabilities.CurrentBoundingSet();
        int missing = Enumerable.Range(0, Capabilities.LastCap() + 1).FirstOrDefault(n => (have & (1UL << n)) == 0, -1);
        var spec = Proc(p => p.Capabilities = new() { Effective = [Capabilities.Name(Math.Max(missing, 0))], Permitted = [Capabilities.Name(Math.Max(missing, 0))] });
        if (missing < 0)
        {
            ProcessSteps.Resolve(spec, rootfs.Path); // every capability is available: nothing to refuse
            return;
        }
        var e = Assert.Throws<InvalidSpecException>(() => ProcessSteps.Resolve(spec, rootfs.Path));
        Assert.Contains(Capabilities.Name(missing), e.Message);
    }
}
