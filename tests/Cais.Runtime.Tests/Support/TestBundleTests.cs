using Cais.Runtime.Spec;
using Cais.TestSupport;

namespace Cais.Runtime.Tests.Support;

public class TestBundleTests
{
    [Fact]
    public void Create_WritesDefaultSpecWithoutTerminalAndAPrivateRootfs()
    {
        using var bundle = TestBundle.Create();

        Assert.StartsWith(TestPaths.Bundles + "/", bundle.Dir);
        Assert.Equal(Path.Combine(bundle.Dir, "rootfs"), bundle.RootfsDir);
        Assert.Equal("busybox", new FileInfo(Path.Combine(bundle.RootfsDir, "bin", "sh")).LinkTarget);
        var onDisk = SpecLoader.LoadBundle(bundle.Dir);
        Assert.False(onDisk.Process!.Terminal);
        Assert.Equal("rootfs", onDisk.Root!.Path);
        Assert.Equal("cais", onDisk.Hostname);
        Assert.Matches("^cais-test-[0-9a-f]{12}$", bundle.Id);
    }

    [Fact]
    public void Create_AppliesConfigureBeforeWriting()
    {
        using var bundle = TestBundle.Create(spec => spec.Process!.Args = ["echo", "hi"]);
        Assert.Equal(["echo", "hi"], bundle.Spec.Process!.Args);
        Assert.Equal(["echo", "hi"], SpecLoader.LoadBundle(bundle.Dir).Process!.Args);
    }

    [Fact]
    public void Save_RewritesConfigJson()
    {
        using var bundle = TestBundle.Create();
        bundle.Spec.Hostname = "changed";
        bundle.Save();
        Assert.Equal("changed", SpecLoader.LoadBundle(bundle.Dir).Hostname);
    }

    [Fact]
    public void Create_TwoBundles_HaveDistinctDirectoriesAndIds()
    {
        using var a = TestBundle.Create();
        using var b = TestBundle.Create();
        Assert.NotEqual(a.Dir, b.Dir);
        Assert.NotEqual(a.Id, b.Id);
    }

    [Fact]
    public void Dispose_RemovesTheBundleAndIsRepeatable()
    {
        var bundle = TestBundle.Create();
        File.WriteAllText(Path.Combine(bundle.RootfsDir, "tmp", "scratch"), "x");
        bundle.Dispose();
        Assert.False(Directory.Exists(bundle.Dir));
        bundle.Dispose();
    }
}
