using System.Formats.Tar;
using Cais.Images.Layers;
using Cais.TestSupport;

namespace Cais.Images.Tests.Layers;

/// <summary>
/// Crafted layers that try to write outside the target. Each must be refused with an error
/// naming the entry, and leave the sentinel directory beside the target untouched.
/// </summary>
public class LayerApplierSecurityTests
{
    static LayerException Refused(LayerTestDirs dirs, byte[] tar, string entry, ApplyOptions? options = null)
    {
        var e = Assert.ThrowsAny<LayerException>(() => LayerApplier.Apply(new MemoryStream(tar), dirs.Root, options));
        Assert.Equal(entry, e.EntryName);
        Assert.Contains(entry, e.Message);
        dirs.AssertNothingEscaped();
        return e;
    }

    [RootFact]
    public void Apply_DotDotEscape_Refused()
    {
        using var dirs = new LayerTestDirs();
        Assert.IsType<LayerSecurityException>(Refused(dirs, new TarBuilder().File("../escape", "x").Build(), "../escape"));
    }

    [RootFact]
    public void Apply_DotDotMidPathClimbingOut_Refused()
    {
        using var dirs = new LayerTestDirs();
        var tar = new TarBuilder().Dir("a/").File("a/../../sentinel/x", "x").Build();
        Assert.IsType<LayerSecurityException>(Refused(dirs, tar, "a/../../sentinel/x"));
    }

    [RootFact]
    public void Apply_DotDotStayingInside_IsCleaned()
    {
        using var dirs = new LayerTestDirs();
        LayerApplier.Apply(new MemoryStream(new TarBuilder().File("a/b/../c", "c").Build()), dirs.Root);
        Assert.Equal("c", File.ReadAllText(Path.Combine(dirs.Root, "a/c")));
        dirs.AssertNothingEscaped();
    }

    [RootFact]
    public void Apply_AbsolutePath_LandsInside()
    {
        using var dirs = new LayerTestDirs();
        LayerApplier.Apply(new MemoryStream(new TarBuilder().File("/abs/path", "inside").Build()), dirs.Root);
        Assert.Equal("inside", File.ReadAllText(Path.Combine(dirs.Root, "abs/path")));
        dirs.AssertNothingEscaped();
    }

    [RootFact]
    public void Apply_WriteThroughSymlinkToEtc_Refused()
    {
        using var dirs = new LayerTestDirs();
        var name = $"cais-escape-{TempDir.RandomName()}";
        var tar = new TarBuilder().Symlink("evil", "/etc").File($"evil/{name}", "x").Build();
        Assert.IsType<LayerSecurityException>(Refused(dirs, tar, $"evil/{name}"));
        Assert.False(File.Exists($"/etc/{name}"));
    }

    [RootFact]
    public void Apply_WriteThroughAbsoluteSymlinkToSentinel_Refused()
    {
        using var dirs = new LayerTestDirs();
        var tar = new TarBuilder().Symlink("link", dirs.Sentinel).File("link/x", "x").Build();
        Assert.IsType<LayerSecurityException>(Refused(dirs, tar, "link/x"));
    }

    [RootFact]
    public void Apply_WriteThroughRelativeSymlinkClimbing_Refused()
    {
        using var dirs = new LayerTestDirs();
        var tar = new TarBuilder().Symlink("link", "../../..").File("link/x", "x").Build();
        Assert.IsType<LayerSecurityException>(Refused(dirs, tar, "link/x"));
    }

    [RootFact]
    public void Apply_SymlinkDeepInPath_Refused()
    {
        using var dirs = new LayerTestDirs();
        var tar = new TarBuilder().Dir("a/").Symlink("a/b", "../../sentinel").Dir("a/b/c/").File("a/b/c/x", "x").Build();
        Assert.IsType<LayerSecurityException>(Refused(dirs, tar, "a/b/c/"));
    }

    [RootFact]
    public void Apply_HardLinkToHostEtcPasswd_RefusedAndHostFileUntouched()
    {
        using var dirs = new LayerTestDirs();
        int links = TreeSnapshot.Stat("/etc/passwd").LinkCount;
        // An absolute target is taken inside the root, where there is no etc/passwd.
        Refused(dirs, new TarBuilder().HardLink("passwd", "/etc/passwd").Build(), "passwd");
        Assert.Equal(links, TreeSnapshot.Stat("/etc/passwd").LinkCount);
    }

    [RootFact]
    public void Apply_HardLinkAbsoluteTarget_LinksTheFileInsideTheRoot()
    {
        using var dirs = new LayerTestDirs();
        var tar = new TarBuilder().File("etc/passwd", "inside").HardLink("copy", "/etc/passwd").Build();
        LayerApplier.Apply(new MemoryStream(tar), dirs.Root);
        Assert.Equal(2, TreeSnapshot.Stat(Path.Combine(dirs.Root, "copy")).LinkCount);
        Assert.Equal("inside", File.ReadAllText(Path.Combine(dirs.Root, "copy")));
    }

    [RootFact]
    public void Apply_HardLinkClimbingOut_Refused()
    {
        using var dirs = new LayerTestDirs();
        File.WriteAllText(Path.Combine(dirs.Base, "outside"), "secret");
        var e = Assert.Throws<LayerSecurityException>(() =>
            LayerApplier.Apply(new MemoryStream(new TarBuilder().HardLink("h", "../outside").Build()), dirs.Root));
        Assert.Equal("h", e.EntryName);
        Assert.Equal(1, TreeSnapshot.Stat(Path.Combine(dirs.Base, "outside")).LinkCount);
        dirs.AssertNothingEscaped("outside");
    }

    [RootFact]
    public void Apply_HardLinkThroughSymlink_Refused()
    {
        using var dirs = new LayerTestDirs();
        var tar = new TarBuilder().Symlink("link", dirs.Sentinel).HardLink("h", "link/canary").Build();
        Assert.IsType<LayerSecurityException>(Refused(dirs, tar, "h"));
    }

    [RootFact]
    public void Apply_HardLinkToSymlink_LinksTheLinkItself()
    {
        using var dirs = new LayerTestDirs();
        var tar = new TarBuilder().Symlink("link", Path.Combine(dirs.Sentinel, "canary")).HardLink("h", "link").Build();
        LayerApplier.Apply(new MemoryStream(tar), dirs.Root);
        Assert.Equal(Path.Combine(dirs.Sentinel, "canary"), new FileInfo(Path.Combine(dirs.Root, "h")).LinkTarget);
        dirs.AssertNothingEscaped();
    }

    [RootFact]
    public void Apply_DeviceWhenNotAllowed_Refused()
    {
        using var dirs = new LayerTestDirs();
        var tar = new TarBuilder().Device("dev/sda", TarEntryType.BlockDevice, 8, 0).Build();
        Assert.IsType<LayerSecurityException>(Refused(dirs, tar, "dev/sda", new ApplyOptions { AllowDevices = false }));
        Assert.False(TreeSnapshot.Exists(Path.Combine(dirs.Root, "dev/sda")));
    }

    [RootFact]
    public void Apply_FileReplacingSymlink_DoesNotFollowIt()
    {
        using var dirs = new LayerTestDirs();
        var tar = new TarBuilder().Symlink("link", Path.Combine(dirs.Sentinel, "canary")).File("link", "replaced").Build();
        LayerApplier.Apply(new MemoryStream(tar), dirs.Root);
        Assert.Equal("replaced", File.ReadAllText(Path.Combine(dirs.Root, "link")));
        dirs.AssertNothingEscaped();
    }

    [RootFact]
    public void Apply_DirectoryReplacingSymlink_DoesNotFollowIt()
    {
        using var dirs = new LayerTestDirs();
        var tar = new TarBuilder().Symlink("link", dirs.Sentinel).Dir("link/", mode: 0x1C0).File("link/x", "x").Build();
        LayerApplier.Apply(new MemoryStream(tar), dirs.Root);
        Assert.True(TreeSnapshot.Stat(Path.Combine(dirs.Root, "link")).IsDirectory);
        dirs.AssertNothingEscaped();
    }

    [RootFact]
    public void Apply_WhiteoutThroughSymlinkInDeleteMode_Refused()
    {
        using var dirs = new LayerTestDirs();
        File.CreateSymbolicLink(Path.Combine(dirs.Root, "link"), dirs.Sentinel);
        var tar = new TarBuilder().File("link/.wh.canary").Build();
        Assert.IsType<LayerSecurityException>(Refused(dirs, tar, "link/.wh.canary", new ApplyOptions { WhiteoutMode = WhiteoutMode.Delete }));
    }

    [RootFact]
    public void Apply_OpaqueThroughSymlink_Refused()
    {
        using var dirs = new LayerTestDirs();
        var tar = new TarBuilder().Symlink("link", dirs.Sentinel).File("link/.wh..wh..opq").Build();
        Refused(dirs, tar, "link/.wh..wh..opq");
        Assert.Empty(TreeSnapshot.Xattrs(dirs.Sentinel));
    }

    [RootFact]
    public void Apply_WhiteoutNamingParent_Refused()
    {
        using var dirs = new LayerTestDirs();
        Refused(dirs, new TarBuilder().File("a/.wh..").Build(), "a/.wh..");
    }
}
