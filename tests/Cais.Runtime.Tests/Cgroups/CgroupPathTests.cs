using Cais.Runtime.Cgroups;

namespace Cais.Runtime.Tests.Cgroups;

public class CgroupPathTests
{
    static readonly CgroupLayout Hybrid = CgroupLayout.Parse(CgroupLayoutTests.HybridSample);

    [Theory]
    [InlineData("/a/b", "/a/b")]
    [InlineData("a/b", "/a/b")]
    [InlineData("//a//./b/", "/a/b")]
    [InlineData("/docker/0123abc", "/docker/0123abc")]
    [InlineData(null, "/cais/c1")]
    [InlineData("", "/cais/c1")]
    public void Open_CgroupsPath_IsNormalisedRelativeToHierarchyRoot(string? cgroupsPath, string expected)
    {
        Assert.Equal(expected, Cgroup.Open(Hybrid, cgroupsPath, "c1").Path);
    }

    [Fact]
    public void Open_SystemdPath_Throws()
    {
        var e = Assert.Throws<CgroupException>(() => Cgroup.Open(Hybrid, "system.slice:cais:c1", "c1"));

        Assert.Equal("systemd cgroup paths are not supported: system.slice:cais:c1", e.Message);
    }

    [Theory]
    [InlineData("/a/../b")]
    [InlineData("../etc")]
    [InlineData("/a/..")]
    public void Open_DotDotComponent_Throws(string path)
    {
        var e = Assert.Throws<CgroupException>(() => Cgroup.Open(Hybrid, path, "c1"));

        Assert.Contains("..", e.Message);
    }

    [Fact]
    public void Open_ContainerIdWithDotDot_Throws()
    {
        Assert.Throws<CgroupException>(() => Cgroup.Open(Hybrid, null, ".."));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/./")]
    public void Open_RootCgroup_Throws(string path)
    {
        Assert.Throws<CgroupException>(() => Cgroup.Open(Hybrid, path, "c1"));
    }

    [Fact]
    public void Open_ByMode_PicksTheDriver()
    {
        var v2 = CgroupLayout.ForTest(CgroupMode.V2, [new CgroupHierarchy([], "/sys/fs/cgroup", true)]);

        Assert.IsType<CgroupV1>(Cgroup.Open(Hybrid, null, "c1"));
        Assert.IsType<CgroupV2>(Cgroup.Open(v2, null, "c1"));
    }
}
