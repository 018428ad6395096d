using Cais.Images.Layers;

namespace Cais.Images.Tests.Layers;

public class TarPathTests
{
    [Theory]
    [InlineData("usr/bin/env", "usr/bin/env")]
    [InlineData("etc/", "etc")]
    [InlineData("./etc/passwd", "etc/passwd")]
    [InlineData("/abs/path", "abs/path")]
    [InlineData("//a//b/", "a/b")]
    [InlineData("a/./b/../c", "a/c")]
    [InlineData("a/..", "")]
    [InlineData("./", "")]
    [InlineData(".", "")]
    [InlineData("/", "")]
    [InlineData("..a/b..", "..a/b..")]
    public void Clean_NamesInsideTheRoot_AreNormalised(string name, string expected) =>
        Assert.Equal(expected, TarPath.Clean(name));

    [Theory]
    [InlineData("..")]
    [InlineData("../escape")]
    [InlineData("a/../../x")]
    [InlineData("/../etc/passwd")]
    [InlineData("./a/b/../../..")]
    public void Clean_ClimbingAboveTheRoot_IsNull(string name) => Assert.Null(TarPath.Clean(name));

    [Fact]
    public void Clean_CleanName_NotReallocated()
    {
        var name = "usr/lib/x86_64-linux-gnu/libc.so.6";
        Assert.Same(name, TarPath.Clean(name));
    }
}
