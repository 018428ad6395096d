using System.Text.Json;
using Cais.Runtime.Spec;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Runtime;

/// <summary>
/// Bad bundles and bad ids: each is exit code 1 with a message naming the problem, and nothing
/// is left behind (no state directory, cgroup, mount of the bundle or process).
/// </summary>
[Collection("containers")]
public sealed partial class BadInputTests : IDisposable
{
    readonly RuntimeHarness h = new();

    public void Dispose() => h.Dispose();

    /// <summary>`VERB --bundle B ID` fails with exit code 1, says <paramref name="message"/>, and leaves nothing.</summary>
    ProcessResult AssertRefused(TestBundle b, string message, string verb = "create", string? id = null)
    {
        id ??= b.Id;
        var r = h.Runtime(verb, "--bundle", b.Dir, id);
        Assert.True(r.ExitCode == 1, $"exit code {r.ExitCode}\n{r.Describe()}");
        Assert.Contains(message, r.Stderr);
        h.AssertNothingLeft(id, b);
        Assert.Empty(RuntimeHarness.ProcessesOf(id));
        Assert.NotEqual(0, h.Runtime("state", id).ExitCode);
        return r;
    }

    [RootFact]
    public void Create_MissingRootPath_IsRefused() =>
        _ = AssertRefused(h.Bundle(["true"], s => s.Root!.Path = null), "root.path");

    [RootFact]
    public void Create_RootPathThatDoesNotExist_IsRefused() =>
        _ = AssertRefused(h.Bundle(["true"], s => s.Root!.Path = "no-such-rootfs"), "no-such-rootfs");

    [RootFact]
    public void Create_UnknownNamespaceType_IsRefused() =>
        _ = AssertRefused(h.Bundle(["true"], s => s.Linux!.Namespaces!.Add(new() { Type = "nope" })), "nope");

    [RootTheory]
    [InlineData("create")]
    [InlineData("run")]
    public void CreateOrRun_AbsoluteArgsZeroThatDoesNotExist_IsRefused(string verb) =>
        _ = AssertRefused(h.Bundle(["/no/such/binary", "x"]), "no/such/binary", verb);

    [RootTheory]
    [InlineData("create")]
    [InlineData("run")]
    public void CreateOrRun_ArgsZeroNotOnPath_IsRefused(string verb) =>
        _ = AssertRefused(h.Bundle(["nosuchcmd"]), "executable file not found", verb);

    [RootFact]
    public void Create_MalformedConfigJson_IsRefused()
    {
        var b = h.Bundle(["true"]);
        File.WriteAllText(b.ConfigPath, "{\"ociVersion\": \"1.2.0\", \"process\": {");
        Assert.Contains("config.json", AssertRefused(b, "malformed JSON").Stderr);
    }

    [RootFact]
    public void Create_ConfigJsonOfTheWrongShape_IsRefused()
    {
        var b = h.Bundle(["true"]);
        File.WriteAllText(b.ConfigPath, "{\"ociVersion\": \"1.2.0\", \"process\": {\"args\": \"true\"}, \"root\": {\"path\": \"rootfs\"}}");
        AssertRefused(b, "config.json");
    }

    [RootFact]
    public void Create_MissingConfigJson_IsRefused()
    {
        var b = h.Bundle(["true"]);
        File.Delete(b.ConfigPath);
        AssertRefused(b, "config.json");
    }

    [RootTheory]
    [InlineData("a b")]
    [InlineData("../x")]
    [InlineData("a/b")]
    public void Create_InvalidContainerId_IsRefused(string id)
    {
        var b = h.Bundle(["true"]);
        AssertRefused(b, "invalid container id", id: id);
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(h.StateRoot)!, "x")), "a directory next to the state root");
        Assert.Empty(Directory.EnumerateFileSystemEntries(h.StateRoot));
    }

    [RootFact]
    public void Create_BindMountSourceThatDoesNotExist_IsRefused() =>
        _ = AssertRefused(h.Bundle(["true"], s => s.Mounts!.Add(new()
        {
            Destination = "/data", Type = "bind", Source = "/no/such/source/dir", Options = ["rbind"],
        })), "/no/such/source/dir");

    [RootFact]
    public void Create_SysctlOutsideTheContainersNamespaces_IsRefused()
    {
        var before = File.ReadAllText("/proc/sys/kernel/panic");
        AssertRefused(h.Bundle(["true"], s => s.Linux!.Sysctl = new() { ["kernel.panic"] = "7" }), "kernel.panic");
        Assert.Equal(before, File.ReadAllText("/proc/sys/kernel/panic"));
    }

    [RootFact]
    public void Create_NetSysctlWithoutANetworkNamespace_IsRefused() =>
        _ = AssertRefused(h.Bundle(["true"], s =>
        {
            s.Linux!.Namespaces!.RemoveAll(n => n.Type == "network");
            s.Linux.Sysctl = new() { ["net.ipv4.ip_forward"] = "1" };
        }), "net.ipv4.ip_forward");

    [RootFact]
    public void Create_Seccomp_IsRefusedNamingIt() =>
        _ = AssertRefused(h.Bundle(["true"], s => s.Linux!.Seccomp =
            JsonDocument.Parse("{\"defaultAction\": \"SCMP_ACT_ALLOW\"}").RootElement.Clone()), "linux.seccomp");

    [RootFact]
    public void Create_HostnameWithoutAUtsNamespace_IsRefused()
    {
        var host = Environment.MachineName;
        AssertRefused(h.Bundle(["true"], s =>
        {
            s.Linux!.Namespaces!.RemoveAll(n => n.Type == "uts");
            s.Hostname = "not-the-host";
        }), "hostname");
        Assert.Equal(host, File.ReadAllText("/proc/sys/kernel/hostname").Trim());
    }

    [RootFact]
    public void Create_UidMappingWithoutAUserNamespace_IsRefused() =>
        _ = AssertRefused(h.Bundle(["true"], s =>
        {
            s.Linux!.UidMappings = [new() { ContainerId = 0, HostId = 100000, Size = 65536 }];
            s.Linux.GidMappings = [new() { ContainerId = 0, HostId = 100000, Size = 65536 }];
        }), "uidMappings");

    [RootFact]
    public void Run_UnknownCapabilityName_IsIgnoredWithAWarning()
    {
        // runc (since 1.1) warns about names the kernel does not know and ignores them.
        var b = h.Bundle(["grep", "CapEff", "/proc/self/status"], s => IsolationTests.AddCapability(s, "CAP_NO_SUCH_THING"));
        var r = h.Runtime("run", "--bundle", b.Dir, b.Id);
        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Contains("CAP_NO_SUCH_THING", r.Stderr);
        Assert.Equal("CapEff:\t0000000020000420", r.Stdout.Trim());
        h.AssertNothingLeft(b.Id, b);
    }

    [RootFact]
    public void Delete_UnknownId_FailsButWithForceSucceeds()
    {
        var r = h.Runtime("delete", "no-such-container");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("does not exist", r.Stderr);
        var forced = h.Runtime("delete", "--force", "no-such-container");
        Assert.True(forced.ExitCode == 0, forced.Describe());
        h.AssertNothingLeft("no-such-container");
    }

    [RootFact]
    public void StateStartKill_UnknownId_FailSayingSo()
    {
        foreach (var args in new[] { new[] { "state", "nope-1" }, ["start", "nope-1"], ["kill", "nope-1", "KILL"], ["ps", "nope-1"] })
        {
            var r = h.Runtime(args);
            Assert.True(r.ExitCode == 1, $"{string.Join(' ', args)}: {r.Describe()}");
            Assert.Contains("does not exist", r.Stderr);
        }
        h.AssertNothingLeft("nope-1");
    }
}
