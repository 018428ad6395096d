using System.Formats.Tar;
using Cais.Images.Layers;
using Cais.Linux;
using Cais.TestSupport;

namespace Cais.Images.Tests.Layers;

public class WhiteoutTests
{
    static readonly ApplyOptions Delete = new() { WhiteoutMode = WhiteoutMode.Delete };

    static byte[] Layer2() => new TarBuilder()
        .File(".wh.gone")
        .Dir("opq/")
        .File("opq/.wh..wh..opq")
        .File("opq/new", "new")
        .File("deep/er/.wh.x")
        .Build();

    [RootFact]
    public void Apply_OverlayMode_WhiteoutBecomesCharDevice00()
    {
        using var dirs = new LayerTestDirs();
        LayerApplier.Apply(new MemoryStream(Layer2()), dirs.Root);

        var gone = TreeSnapshot.Stat(Path.Combine(dirs.Root, "gone"));
        Assert.Equal((Flags.S_IFCHR, 0u, 0u), (gone.FileType, gone.RdevMajor, gone.RdevMinor));
        Assert.False(TreeSnapshot.Exists(Path.Combine(dirs.Root, ".wh.gone")));
        Assert.Equal(Flags.S_IFCHR, TreeSnapshot.Stat(Path.Combine(dirs.Root, "deep/er/x")).FileType);
    }

    [RootFact]
    public void Apply_OverlayMode_OpaqueMarkerSetsXattr()
    {
        using var dirs = new LayerTestDirs();
        LayerApplier.Apply(new MemoryStream(Layer2()), dirs.Root);

        Assert.Equal("79", TreeSnapshot.Xattrs(Path.Combine(dirs.Root, "opq"))[Whiteouts.OpaqueXattr]);
        Assert.False(TreeSnapshot.Exists(Path.Combine(dirs.Root, "opq/.wh..wh..opq")));
        Assert.Equal("new", File.ReadAllText(Path.Combine(dirs.Root, "opq/new")));
    }

    [RootFact]
    public void Apply_OverlayMode_WhiteoutsAllowedWithoutDevices()
    {
        using var dirs = new LayerTestDirs();
        LayerApplier.Apply(new MemoryStream(Layer2()), dirs.Root, new ApplyOptions { AllowDevices = false });
        Assert.Equal(Flags.S_IFCHR, TreeSnapshot.Stat(Path.Combine(dirs.Root, "gone")).FileType);
    }

    [RootFact]
    public void Apply_DeleteMode_RemovesWhitedOutPaths()
    {
        using var dirs = new LayerTestDirs();
        var layer1 = new TarBuilder()
            .Dir("gone/").File("gone/inside", "x")
            .Dir("opq/").File("opq/old", "old").Dir("opq/sub/").File("opq/sub/f", "f")
            .File("keep", "keep")
            .Build();
        LayerApplier.Apply(new MemoryStream(layer1), dirs.Root, Delete);

        LayerApplier.Apply(new MemoryStream(Layer2()), dirs.Root, Delete);

        Assert.False(TreeSnapshot.Exists(Path.Combine(dirs.Root, "gone")));
        Assert.Equal(["new"], Directory.EnumerateFileSystemEntries(Path.Combine(dirs.Root, "opq")).Select(p => Path.GetFileName(p)!));
        Assert.Equal("keep", File.ReadAllText(Path.Combine(dirs.Root, "keep")));
        Assert.False(TreeSnapshot.Exists(Path.Combine(dirs.Root, "deep"))); // nothing made for a whiteout of nothing
        Assert.Empty(TreeSnapshot.Xattrs(Path.Combine(dirs.Root, "opq")));
    }

    [RootFact]
    public void Apply_DeleteModeOpaqueAfterChildren_KeepsThisLayersChildren()
    {
        using var dirs = new LayerTestDirs();
        LayerApplier.Apply(new MemoryStream(new TarBuilder().File("d/old", "old").Build()), dirs.Root, Delete);
        var layer = new TarBuilder().File("d/sub/new", "new").File("d/.wh..wh..opq").Build();

        LayerApplier.Apply(new MemoryStream(layer), dirs.Root, Delete);

        Assert.False(TreeSnapshot.Exists(Path.Combine(dirs.Root, "d/old")));
        Assert.Equal("new", File.ReadAllText(Path.Combine(dirs.Root, "d/sub/new")));
    }

    [RootFact]
    public void Diff_OverlayWhiteouts_BecomeWhFiles()
    {
        using var dirs = new LayerTestDirs();
        LayerApplier.Apply(new MemoryStream(Layer2()), dirs.Root);

        var output = new MemoryStream();
        LayerDiffer.Diff(dirs.Root, output);

        var entries = ReadEntries(output.ToArray());
        Assert.Equal(
            [".wh.gone", "deep/", "deep/er/", "deep/er/.wh.x", "opq/", "opq/.wh..wh..opq", "opq/new"],
            entries.Select(e => e.Name).ToArray());
        Assert.All(entries.Where(e => e.Name.Contains(".wh.")), e => Assert.Equal(TarEntryType.RegularFile, e.EntryType));
        Assert.DoesNotContain(entries.OfType<PaxTarEntry>(), e => e.ExtendedAttributes.Keys.Any(k => k.Contains("overlay")));
    }

    [RootFact]
    public void DiffTree_CharDevice00_StaysADevice()
    {
        using var dirs = new LayerTestDirs();
        LayerApplier.Apply(new MemoryStream(Layer2()), dirs.Root);

        var output = new MemoryStream();
        LayerDiffer.DiffTree(dirs.Root, output);

        var gone = ReadEntries(output.ToArray()).Single(e => e.Name == "gone");
        Assert.Equal(TarEntryType.CharacterDevice, gone.EntryType);
    }

    [RootFact]
    public void Diff_UserOverlayOpaque_IsOpaqueToo()
    {
        using var dirs = new LayerTestDirs();
        var dir = Path.Combine(dirs.Root, "d");
        Directory.CreateDirectory(dir);
        Assert.Equal(0, Xattrs.TrySetLink(TreeSnapshot.Z(dir), TreeSnapshot.Z(Whiteouts.UserOpaqueXattr), "y"u8));

        var output = new MemoryStream();
        LayerDiffer.Diff(dirs.Root, output);

        Assert.Equal(["d/", "d/.wh..wh..opq"], ReadEntries(output.ToArray()).Select(e => e.Name).ToArray());
    }

    [RootFact]
    public void ApplyDiffApply_Whiteouts_RoundTrip()
    {
        using var dirs = new LayerTestDirs();
        LayerApplier.Apply(new MemoryStream(Layer2()), dirs.Root);
        var output = new MemoryStream();
        LayerDiffer.Diff(dirs.Root, output);
        var copy = dirs.Dir("copy");

        LayerApplier.Apply(new MemoryStream(output.ToArray()), copy);

        Assert.Equal(TreeSnapshot.Take(dirs.Root), TreeSnapshot.Take(copy));
    }

    internal static List<TarEntry> ReadEntries(byte[] tar)
    {
        var list = new List<TarEntry>();
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry(copyData: true) is { } e) list.Add(e);
        return list;
    }
}
