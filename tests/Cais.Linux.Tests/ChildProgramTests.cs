using Cais.Linux.ForkChild;

namespace Cais.Linux.Tests;

public class ChildProgramTests
{
    [Theory]
    [InlineData("/a/b/c", "a/b/c")]
    [InlineData("a/./b/", "a/b")]
    [InlineData("/a/../../b", "b")]
    [InlineData("/../../etc/passwd", "etc/passwd")]
    [InlineData("/", "")]
    public void CleanInRoot_DotDotNeverClimbsAboveRoot(string path, string expected) =>
        Assert.Equal(expected, ChildProgram.CleanInRoot(path));

    [Fact]
    public void SplitInRoot_GivesCumulativePrefixes()
    {
        var (prefixes, names) = ChildProgram.SplitInRoot("/dev/net/tun");
        Assert.Equal(["dev", "dev/net", "dev/net/tun"], prefixes);
        Assert.Equal(["dev", "net", "tun"], names);
    }

    [Fact]
    public void Builder_RecordsOpsAndDescriptionsInOrder()
    {
        using var p = new ChildProgram();
        int root = p.NewSlot();
        p.Mount(null, "/", null, MountFlags.MS_SLAVE | MountFlags.MS_REC, null, "make / rslave");
        p.EnsureInRoot(root, "/proc", file: false, "create /proc");
        p.SetHostname("box");
        Assert.Equal([OpCode.Mount, OpCode.EnsureInRoot, OpCode.SetHostname], p.Codes);
        Assert.Equal("make / rslave", p.DescriptionOf(0));
        Assert.Equal("set hostname box", p.DescriptionOf(2));
    }

    [Fact]
    public void EnsureInRoot_OfTheRootItself_AddsNothing()
    {
        using var p = new ChildProgram();
        p.EnsureInRoot(p.NewSlot(), "/", file: false, "root");
        Assert.Empty(p.Codes);
    }

    [Fact]
    public void NewSlot_MoreThanSixteen_Throws()
    {
        using var p = new ChildProgram();
        for (int i = 0; i < 16; i++) p.NewSlot();
        Assert.Throws<InvalidOperationException>(() => p.NewSlot());
    }

    [Fact]
    public void ArenaStr_RejectsNulBytes()
    {
        using var arena = new NativeArena();
        Assert.Throws<ArgumentException>(() => { unsafe { arena.Str("a\0b"); } });
    }
}
