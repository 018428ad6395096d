using Cais.Runtime.Spec;
using Cais.TestSupport;

namespace Cais.Runtime.Tests.Launch;

public class SpecValidatorTests : IDisposable
{
    readonly TempDir bundle = new();

    public SpecValidatorTests() => Directory.CreateDirectory(Path.Combine(bundle.Path, "rootfs"));

    public void Dispose() => bundle.Dispose();

    void Check(Action<RuntimeSpec> change, string expected)
    {
        var spec = DefaultSpec.Create();
        change(spec);
        var e = Assert.Throws<InvalidSpecException>(() => SpecValidator.ValidateForCreate(spec, bundle.Path));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Validate_DefaultSpec_Passes() => SpecValidator.ValidateForCreate(DefaultSpec.Create(), bundle.Path);

    [Fact] public void Validate_NoRoot_NamesRootPath() => Check(s => s.Root = null, "root.path");
    [Fact] public void Validate_MissingRootfs_NamesIt() => Check(s => s.Root!.Path = "nope", "nope");
    [Fact] public void Validate_NoProcess_IsRefused() => Check(s => s.Process = null, "process");
    [Fact] public void Validate_NoMountNamespace_IsRefused() => Check(s => s.Linux!.Namespaces!.RemoveAll(n => n.Type == "mount"), "mount namespace");
    [Fact] public void Validate_HostnameWithoutUts_IsRefused() => Check(s => s.Linux!.Namespaces!.RemoveAll(n => n.Type == "uts"), "uts");
    [Fact] public void Validate_UserNamespaceWithoutMaps_IsRefused() => Check(s => s.Linux!.Namespaces!.Add(new() { Type = "user" }), "uidMappings");
    [Fact] public void Validate_MapsWithoutUserNamespace_AreRefused() => Check(s => s.Linux!.UidMappings = [new() { Size = 1 }], "user namespace");
    [Fact] public void Validate_Seccomp_IsRefusedNotIgnored() => Check(s => s.Linux!.Seccomp = System.Text.Json.JsonDocument.Parse("{}").RootElement, "linux.seccomp");
    [Fact] public void Validate_HostSysctl_IsRefused() => Check(s => s.Linux!.Sysctl = new() { ["kernel.panic"] = "1" }, "kernel.panic");
    [Fact] public void Validate_NetSysctlWithoutNetns_IsRefused() => Check(s => { s.Linux!.Namespaces!.RemoveAll(n => n.Type == "network"); s.Linux.Sysctl = new() { ["net.ipv4.ip_forward"] = "1" }; }, "network namespace");
    [Fact] public void Validate_RelativeHookPath_IsRefused() => Check(s => s.Hooks = new() { Prestart = [new() { Path = "hook.sh" }] }, "absolute");

    [Fact]
    public void Validate_NamespacedSysctls_Pass()
    {
        var spec = DefaultSpec.Create();
        spec.Linux!.Sysctl = new() { ["net.core.somaxconn"] = "1024", ["kernel.shmmax"] = "1", ["fs.mqueue.msg_max"] = "10" };
        SpecValidator.ValidateForCreate(spec, bundle.Path);
    }
}
