using Cais.Linux;
using Cais.Runtime.Launch;
using Cais.Runtime.Spec;

namespace Cais.Runtime.Tests.Launch;

public class NamespacePlanTests
{
    static RuntimeSpec With(params NamespaceSpec[] ns) => new() { Linux = new LinuxSpec { Namespaces = [.. ns] } };

    [Fact]
    public void From_DefaultSpec_CreatesEveryListedNamespace()
    {
        var plan = NamespacePlan.From(DefaultSpec.Create());
        Assert.True(plan.Creates(NamespaceKind.Pid));
        Assert.True(plan.Creates(NamespaceKind.Mount));
        Assert.False(plan.Has(NamespaceKind.User));
        Assert.Equal(CloneFlags.CLONE_NEWNS | CloneFlags.CLONE_NEWUTS | CloneFlags.CLONE_NEWIPC,
            plan.NewFlags(except: CloneFlags.CLONE_NEWPID | CloneFlags.CLONE_NEWNET | CloneFlags.CLONE_NEWCGROUP));
    }

    [Fact]
    public void From_UnknownType_NamesIt()
    {
        var e = Assert.Throws<InvalidSpecException>(() => NamespacePlan.From(With(new NamespaceSpec { Type = "nope" })));
        Assert.Contains("unknown namespace type \"nope\"", e.Message);
    }

    [Fact]
    public void From_Duplicate_IsRefused() =>
        Assert.Throws<InvalidSpecException>(() => NamespacePlan.From(With(new NamespaceSpec { Type = "pid" }, new NamespaceSpec { Type = "pid" })));

    [Fact]
    public void From_TimeNamespace_IsRefused()
    {
        var e = Assert.Throws<InvalidSpecException>(() => NamespacePlan.From(With(new NamespaceSpec { Type = "time" })));
        Assert.Contains("time", e.Message);
    }

    [Fact]
    public void From_PathThatDoesNotExist_IsRefused()
    {
        var e = Assert.Throws<InvalidSpecException>(() => NamespacePlan.From(With(new NamespaceSpec { Type = "network", Path = "/no/such/ns" })));
        Assert.Contains("/no/such/ns", e.Message);
    }

    [Fact]
    public void From_Path_IsJoinedNotCreated()
    {
        var plan = NamespacePlan.From(With(new NamespaceSpec { Type = "network", Path = "/proc/self/ns/net" }));
        Assert.False(plan.Creates(NamespaceKind.Network));
        Assert.Equal("/proc/self/ns/net", plan.JoinPath(NamespaceKind.Network));
        Assert.Equal(CloneFlags.None, plan.NewFlags());
    }
}
