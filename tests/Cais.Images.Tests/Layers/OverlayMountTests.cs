using Cais.Images.Layers;
using Cais.TestSupport;

namespace Cais.Images.Tests.Layers;

/// <summary>
/// Layers applied in overlay mode, stacked by the kernel's overlayfs: the whiteouts and opaque
/// directories must hide what they should; and changes made through the mount diff back into
/// OCI whiteouts.
/// </summary>
[Collection("overlay mounts")]
public class OverlayMountTests
{
    [RootFact]
    public void Mount_AppliedLayers_WhiteoutsAndOpaqueDirsHideLowerContent()
    {
        using var dirs = new LayerTestDirs();
        var lower = dirs.Dir("lower");
        var upper = dirs.Dir("upper");
        var work = dirs.Dir("work");
        var merged = dirs.Dir("merged");
        var layer1 = new TarBuilder()
            .Dir("keep/").File("keep/a", "a").File("keep/b", "b")
            .File("gone", "gone")
            .Dir("opq/").File("opq/old", "old").Dir("opq/sub/").File("opq/sub/x", "x")
            .Build();
        var layer2 = new TarBuilder()
            .File(".wh.gone")
            .Dir("opq/").File("opq/.wh..wh..opq").File("opq/new", "new")
            .Build();
        LayerApplier.Apply(new MemoryStream(layer1), lower);
        LayerApplier.Apply(new MemoryStream(layer2), upper);

        Mount(lower, upper, work, merged);
        try
        {
            Assert.Equal("a", File.ReadAllText(Path.Combine(merged, "keep/a")));
            Assert.False(TreeSnapshot.Exists(Path.Combine(merged, "gone")));
            Assert.Equal(["new"], Names(Path.Combine(merged, "opq")));
            Assert.Equal(["keep", "opq"], Names(merged));

            // Changes through the mount land in the upper directory as overlay whiteouts.
            File.Delete(Path.Combine(merged, "keep/b"));
            File.WriteAllText(Path.Combine(merged, "keep/c"), "c");
        }
        finally
        {
            Unmount(merged);
        }

        var output = new MemoryStream();
        LayerDiffer.Diff(upper, output);
        var names = WhiteoutTests.ReadEntries(output.ToArray()).Select(e => e.Name).ToArray();
        Assert.Equal([".wh.gone", "keep/", "keep/.wh.b", "keep/c", "opq/", "opq/.wh..wh..opq", "opq/new"], names);

        // The diffed layer, applied afresh and mounted again, shows the same merged tree.
        var upper2 = dirs.Dir("upper2");
        LayerApplier.Apply(new MemoryStream(output.ToArray()), upper2);
        Mount(lower, upper2, work, merged);
        try
        {
            Assert.Equal(["a", "c"], Names(Path.Combine(merged, "keep")));
            Assert.Equal(["new"], Names(Path.Combine(merged, "opq")));
            Assert.False(TreeSnapshot.Exists(Path.Combine(merged, "gone")));
        }
        finally
        {
            Unmount(merged);
        }
    }

    static string[] Names(string dir) =>
        Directory.EnumerateFileSystemEntries(dir).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToArray();

    static void Mount(string lower, string upper, string work, string merged) =>
        ProcessRunner.Run("mount", ["-t", "overlay", "overlay", "-o", $"lowerdir={lower},upperdir={upper},workdir={work}", merged]).EnsureSuccess();

    static void Unmount(string merged) => ProcessRunner.Run("umount", [merged]).EnsureSuccess();
}
