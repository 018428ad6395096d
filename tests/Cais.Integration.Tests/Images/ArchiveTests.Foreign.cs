using System.Security.Cryptography;
using System.Text;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Images;

/// <summary>Archives cais did not write: Docker 24's legacy docker-archive, and a bare OCI layout.</summary>
public sealed partial class ArchiveTests
{
    static string V1Id(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));

    [RootFact]
    public void Load_LegacyDockerArchive_ImagesWithTheirTagsAndConfigDigestIds()
    {
        var baseLayer = TestArchives.LayerTar(("etc/base", "base\n"), ("bin/tool", "#!/bin/sh\n"));
        var topLayer = TestArchives.LayerTar(("etc/top", "top\n"));
        var baseDiff = TestArchives.Sha256(baseLayer);
        var topDiff = TestArchives.Sha256(topLayer);
        var configA = TestArchives.Config([baseDiff], ["sh"]);
        var configB = TestArchives.Config([baseDiff, topDiff], ["echo", "b"]);
        // Image B's base layer has its own v1 id, so Docker wrote it as a link to A's layer.tar.
        var (v1A, v1B0, v1B1) = (V1Id("a"), V1Id("b0"), V1Id("b1"));
        var archive = files.Combine("legacy.tar");
        TestArchives.WriteLegacyArchive(archive,
            new TestArchives.LegacyImage(configA, [(v1A, baseLayer)], ["legacy/a:1"]),
            new TestArchives.LegacyImage(configB, [(v1B0, baseLayer), (v1B1, topLayer)], ["legacy/b:1", "legacy/b:latest"]));
        Assert.Contains(TestArchives.EntriesOf(archive), e => e.Name == v1B0 + "/layer.tar" && e.Type == System.Formats.Tar.TarEntryType.SymbolicLink);

        var load = h.Succeed("load", "-i", archive);

        Assert.Equal("Loaded image: legacy/a:1\nLoaded image: legacy/b:1\nLoaded image: legacy/b:latest\n", load.Stdout);
        var idA = TestArchives.Sha256(configA);
        var idB = TestArchives.Sha256(configB);
        var a = h.Inspect("legacy/a:1");
        Assert.Equal(idA, a.GetProperty("Id").GetString());
        Assert.Equal(new[] { baseDiff }, BootstrapTests.Strings(a.GetProperty("RootFS").GetProperty("Layers")));
        var b = h.Inspect("legacy/b");
        Assert.Equal(idB, b.GetProperty("Id").GetString());
        Assert.Equal(new[] { "legacy/b:1", "legacy/b:latest" }, BootstrapTests.Strings(b.GetProperty("RepoTags")).Order());
        Assert.Equal(new[] { baseDiff, topDiff }, BootstrapTests.Strings(b.GetProperty("RootFS").GetProperty("Layers")));
        Assert.Equal(new[] { "echo", "b" }, BootstrapTests.Strings(b.GetProperty("Config").GetProperty("Cmd")));
        Assert.Equal(new[] { idA, idB }.Order(), h.ImageIds().Distinct().Order());
        // The shared base is unpacked once: two layers in all, the top one holding only its own file.
        Assert.Equal(2, h.LayerDirs().Length);
        Assert.Equal("base\n", File.ReadAllText(Path.Combine(h.LayerHolding("etc/base"), "etc", "base")));
        Assert.False(File.Exists(Path.Combine(h.LayerHolding("etc/top"), "etc", "base")), "the top layer holds the base's file");
        Assert.Empty(h.Entries("tmp"));
    }

    [RootFact]
    public void Load_LegacyArchiveWithAWrongDiffId_FailsAndLeavesNothing()
    {
        var layer = TestArchives.LayerTar(("etc/x", "x\n"));
        var lying = TestArchives.Config([TestArchives.Sha256(TestArchives.LayerTar(("etc/y", "y\n")))], ["sh"]);
        var archive = files.Combine("lying.tar");
        TestArchives.WriteLegacyArchive(archive, new TestArchives.LegacyImage(lying, [(V1Id("x"), layer)], ["liar:1"]));

        var r = h.Cais("load", "-i", archive);

        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}\n{r.Describe()}");
        Assert.Contains("diff id", r.Stderr);
        Assert.Equal(1, h.Cais("image", "inspect", "liar:1").ExitCode);
        // The blob and layer the failed load wrote are unreferenced: a prune collects them.
        h.Succeed("image", "prune", "-f");
        h.AssertEmptyStore("after a failed load and a prune");
    }

    [RootFact]
    public void Load_OciLayoutWithoutManifestJson_NamedByTheContainerdAnnotation()
    {
        var layer = TestArchives.LayerTar(("etc/oci", "from an oci layout\n"));
        var archive = files.Combine("oci.tar");
        var config = TestArchives.WriteOciLayout(archive, "docker.io/ocitest/app:v1", layer, ["sh", "-c", "cat /etc/oci"]);
        Assert.DoesNotContain(TestArchives.EntriesOf(archive), e => e.Name == "manifest.json");

        var load = h.Succeed("load", "-i", archive);

        Assert.Equal("Loaded image: ocitest/app:v1\n", load.Stdout);
        var image = h.Inspect("ocitest/app:v1");
        Assert.Equal(TestArchives.Sha256(config), image.GetProperty("Id").GetString());
        Assert.Equal(new[] { "ocitest/app:v1" }, BootstrapTests.Strings(image.GetProperty("RepoTags")));
        Assert.Equal(new[] { TestArchives.Sha256(layer) }, BootstrapTests.Strings(image.GetProperty("RootFS").GetProperty("Layers")));
        Assert.Equal("from an oci layout\n", File.ReadAllText(Path.Combine(h.LayerHolding("etc/oci"), "etc", "oci")));
        Assert.Empty(h.Entries("tmp"));
    }

    [RootFact]
    public void Load_OciLayoutImage_SavesAgainAsAPlainTarLayer()
    {
        var layer = TestArchives.LayerTar(("etc/oci", "gzip in, plain out\n"));
        var archive = files.Combine("oci.tar");
        TestArchives.WriteOciLayout(archive, "docker.io/ocitest/app:v2", layer, ["sh"]);
        h.Succeed("load", "-i", archive);
        var saved = files.Combine("saved.tar");

        h.Succeed("save", "-o", saved, "ocitest/app:v2");

        // docker-archive layers are plain tars named by diff id: the gzip blob was decompressed.
        Assert.Equal(layer, TestArchives.Read(saved, "blobs/sha256/" + TestArchives.Hex(TestArchives.Sha256(layer))));
        Assert.Empty(h.Entries("tmp"));
    }
}
