using Cais.Images.Snapshots;
using Cais.Linux;
using Cais.TestSupport;

namespace Cais.Images.Tests.Snapshots;

/// <summary>
/// Deep images (root): 200 layers, past Docker's 128, through "lowerdir+" and through the
/// one-string fallback older kernels need.
/// </summary>
[Collection("overlay mounts")]
public sealed class DeepStackTests : IDisposable
{
    const int Depth = 200;

    readonly SnapshotTestRoot _t = new();

    Snapshotter S => _t.Snapshotter;

    public void Dispose() => _t.Dispose();

    // Layer i writes f<i> and overwrites "top" with i.
    List<Digest> DeepStack() => _t.AddStack(Depth, (i, dir) => SnapshotTestRoot.Write(dir, "top", $"{i}"));

    void AssertWholeStackVisible(string merged)
    {
        Assert.Equal($"{Depth - 1}", SnapshotTestRoot.Read(merged, "top"));
        for (int i = 0; i < Depth; i++)
            Assert.Equal($"{i}", SnapshotTestRoot.Read(merged, $"f{i}"));
    }

    [RootTheory]
    [InlineData(OverlayLowerDirSyntax.Auto, OverlayMountMethod.AppendedLowerDirs)]
    [InlineData(OverlayLowerDirSyntax.Append, OverlayMountMethod.AppendedLowerDirs)]
    [InlineData(OverlayLowerDirSyntax.Single, OverlayMountMethod.CompactLowerDirString)]
    public void Mount_200Layers_ShowsEveryLayer(OverlayLowerDirSyntax syntax, OverlayMountMethod expected)
    {
        var ids = DeepStack();
        var m = S.Prepare("deep", ids[^1]);
        Assert.Equal(Depth, m.LowerDirs.Count);
        Assert.True(string.Join(":", m.LowerDirs).Length > 4096, "the absolute short-link string must not fit in a page");
        var merged = S.MergedDir("deep");
        try
        {
            var method = OverlayMount.Mount(m.LowerDirs, m.UpperDir, m.WorkDir, m.Options, merged, syntax);

            Assert.Equal(expected, method);
            AssertWholeStackVisible(merged);
            File.WriteAllText(Path.Combine(merged, "top"), "written");
            Assert.Equal("written", SnapshotTestRoot.Read(S.UpperDir("deep"), "top"));
        }
        finally
        {
            _t.UnmountAndRemove("deep");
        }
        Assert.Empty(_t.MountsLeft());
        Assert.Equal("0", SnapshotTestRoot.Read(S.LayerDir(ids[0]), "top"));
    }

    [RootFact]
    public void Mount_SingleSyntaxShallowStack_UsesShortLinkString()
    {
        var ids = _t.AddStack(3);
        var m = S.Prepare("shallow", ids[^1]);
        var merged = S.MergedDir("shallow");
        try
        {
            var method = OverlayMount.Mount(m.LowerDirs, m.UpperDir, m.WorkDir, m.Options, merged, OverlayLowerDirSyntax.Single);

            Assert.Equal(OverlayMountMethod.LowerDirString, method);
            Assert.Equal(["f0", "f1", "f2"], Directory.GetFileSystemEntries(merged).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            var line = File.ReadLines("/proc/self/mountinfo").Single(l => l.Contains($" {merged} ", StringComparison.Ordinal));
            Assert.Contains($"lowerdir={m.LowerDirs[0]}:", line);
            Assert.Contains($"upperdir={m.UpperDir}", line);
        }
        finally
        {
            _t.UnmountAndRemove("shallow");
        }
    }
}
