using System.Security.Cryptography;
using System.Text;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Images;

/// <summary>`cais image prune`: dangling images only, or every unused one with -a; then exactly the layers no image uses.</summary>
public sealed partial class ImageCommandTests
{
    [RootFact]
    public void Prune_Dangling_RemovesOnlyUntaggedImages()
    {
        var busybox = h.BootstrapBusybox();
        var untagged = Import(RootfsTar("a.tar", ("etc/a", "a\n")));

        var r = h.Succeed("image", "prune", "-f");

        Assert.StartsWith($"Deleted Images:\ndeleted: {untagged}\n\nTotal reclaimed space: ", r.Stdout);
        Assert.Equal([busybox], h.ImageIds());
        Assert.Single(h.LayerDirs());
    }

    [RootFact]
    public void Prune_All_RemovesTaggedImagesToo_StoreEmpty()
    {
        var busybox = h.BootstrapBusybox();
        var imported = Import(RootfsTar("a.tar", ("etc/a", "a\n")), "imp:1");

        var r = h.Succeed("image", "prune", "-a", "-f");

        var lines = Lines(r.Stdout);
        Assert.Equal("Deleted Images:", lines[0]);
        foreach (var expected in new[] { "untagged: busybox:latest", $"deleted: {busybox}", "untagged: imp:1", $"deleted: {imported}" })
            Assert.Contains(expected, lines);
        Assert.Matches("^Total reclaimed space: [0-9.]+[kM]B$", lines[^1]);
        h.AssertEmptyStore("after image prune -a");
    }

    [RootFact]
    public void Prune_NothingToRemove_ReportsZeroBytes()
    {
        h.BootstrapBusybox();

        var r = h.Succeed("image", "prune", "-f");

        Assert.Equal("Total reclaimed space: 0B\n", r.Stdout);
        Assert.Single(h.ImageIds());
    }

    [RootFact]
    public void Prune_WithoutForceAndNoAnswer_AsksAndRemovesNothing()
    {
        h.BootstrapBusybox();
        Import(RootfsTar("a.tar", ("etc/a", "a\n")));

        var r = h.Succeed("image", "prune");

        // stdin is empty: no "y", so nothing is removed.
        Assert.Contains("WARNING! This will remove all dangling images.", r.Stdout);
        Assert.Contains("Are you sure you want to continue? [y/N]", r.Stdout);
        Assert.Equal(2, h.ImageIds().Length);
    }

    /// <summary>
    /// Three images: A and B imported (nothing in common), C loaded with A's layer as its base.
    /// Pruning B leaves A's layer and C's; once A is gone its layer stays for C; pruning C
    /// leaves nothing. At each step the layer directories are exactly the chain ids in use.
    /// </summary>
    [RootFact]
    public void Prune_RemovesExactlyTheLayersNoImageUses()
    {
        var layerA = TestArchives.LayerTar(("a/file", "content of a\n"));
        var layerB = TestArchives.LayerTar(("b/file", "content of b\n"));
        var layerC = TestArchives.LayerTar(("c/file", "content of c\n"));
        File.WriteAllBytes(files.Combine("a.tar"), layerA);
        File.WriteAllBytes(files.Combine("b.tar"), layerB);
        var a = Import(files.Combine("a.tar"), "a:1");
        var b = Import(files.Combine("b.tar"));
        var archive = files.Combine("c.tar");
        var configC = TestArchives.Config([TestArchives.Sha256(layerA), TestArchives.Sha256(layerC)], ["sh"]);
        TestArchives.WriteLegacyArchive(archive, new TestArchives.LegacyImage(configC,
            [(new string('a', 64), layerA), (new string('c', 64), layerC)], ["c:1"]));
        h.Succeed("load", "-i", archive);
        var c = TestArchives.Sha256(configC);
        var chainA = TestArchives.Sha256(layerA);
        var chainB = TestArchives.Sha256(layerB);
        var chainAC = ChainId(chainA, TestArchives.Sha256(layerC));
        AssertLayers("after import, import and load", chainA, chainB, chainAC);
        Assert.Equal(new[] { a, b, c }.Order(), h.ImageIds().Order());

        var pruned = h.Succeed("image", "prune", "-f");

        Assert.Contains($"deleted: {b}", pruned.Stdout);
        Assert.DoesNotContain("untagged", pruned.Stdout);
        AssertLayers("after pruning the dangling image", chainA, chainAC);
        Assert.DoesNotContain(h.Blobs(), blob => Path.GetFileName(blob) == TestArchives.Hex(b));

        h.Succeed("rmi", "a:1");
        AssertLayers("after removing the image whose layer is another's base", chainA, chainAC);

        h.Succeed("image", "prune", "-a", "-f");
        h.AssertEmptyStore("after image prune -a");
    }

    /// <summary>Asserts the unpacked layers are exactly those named by <paramref name="chainIds"/>.</summary>
    void AssertLayers(string when, params string[] chainIds)
    {
        var expected = chainIds.Select(TestArchives.Hex).Order(StringComparer.Ordinal).ToList();
        var actual = h.LayerDirs().Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.SequenceEqual(actual), $"{when}: layers {string.Join(", ", actual)}, expected {string.Join(", ", expected)}");
    }

    /// <summary>The OCI chain id of a layer on top of <paramref name="parentChainId"/>: sha256 of "parent diff".</summary>
    static string ChainId(string parentChainId, string diffId) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(parentChainId + " " + diffId)));
}
