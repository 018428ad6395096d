using System.Formats.Tar;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Images;

/// <summary>`cais save` and `cais load`: cais's own archives, other tools' archives, and bad input.</summary>
[Collection("containers")]
public sealed partial class ArchiveTests : IDisposable
{
    readonly ImageHarness h = new();
    readonly TempDir files = new("cais-archives-");

    public void Dispose()
    {
        h.Dispose();
        files.Dispose();
    }

    [RootFact]
    public void SaveThenLoad_IntoAFreshDataRoot_SameIdAndTags()
    {
        var id = h.BootstrapBusybox();
        h.Succeed("tag", "busybox", "tools/bb:2");
        var archive = files.Combine("bb.tar");
        h.Succeed("save", "-o", archive, "busybox:latest", "tools/bb:2");

        using var fresh = new ImageHarness();
        var load = fresh.Succeed("load", "-i", archive);

        Assert.Contains("Loaded image: busybox:latest", load.Stdout);
        Assert.Contains("Loaded image: tools/bb:2", load.Stdout);
        Assert.Equal([id], fresh.ImageIds().Distinct());
        var image = fresh.Inspect(id);
        Assert.Equal(new[] { "busybox:latest", "tools/bb:2" }, BootstrapTests.Strings(image.GetProperty("RepoTags")).Order());
        Assert.Equal(h.Inspect(id).GetProperty("RootFS").GetRawText(), image.GetProperty("RootFS").GetRawText());
        Assert.Single(fresh.LayerDirs());
        Assert.Empty(fresh.Entries("tmp"));
    }

    [RootFact]
    public void Load_FromStdin_LoadsTheImage()
    {
        var id = h.BootstrapBusybox();
        var archive = files.Combine("bb.tar");
        h.Succeed("save", "-o", archive, "busybox");

        using var fresh = new ImageHarness();
        var load = fresh.CaisWithStdinFrom(archive, "load");

        Assert.True(load.ExitCode == 0, load.Describe());
        Assert.Equal("Loaded image: busybox:latest\n", load.Stdout);
        Assert.Equal(id, fresh.IdOf("busybox"));
    }

    [RootFact]
    public void Load_Quiet_PrintsOnlyWhatWasLoaded()
    {
        h.BootstrapBusybox();
        var archive = files.Combine("bb.tar");
        h.Succeed("save", "-o", archive, "busybox");

        using var fresh = new ImageHarness();

        // As with Docker, -q silences progress only: the daemon still says what it loaded.
        Assert.Equal("Loaded image: busybox:latest\n", fresh.Succeed("load", "-q", "-i", archive).Stdout);
        Assert.Single(fresh.ImageIds());
    }

    [RootFact]
    public void Save_Twice_ByteIdenticalArchives()
    {
        h.BootstrapBusybox();
        var first = files.Combine("1.tar");
        var second = files.Combine("2.tar");

        h.Succeed("save", "-o", first, "busybox");
        h.Succeed("save", "-o", second, "busybox");

        var a = File.ReadAllBytes(first);
        var b = File.ReadAllBytes(second);
        var at = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], -1);
        Assert.True(a.Length == b.Length && at < 0,
            $"the archives differ (sizes {a.Length} and {b.Length}; first differing byte at {at}: "
            + $"{Printable(a, at)} vs {Printable(b, at)})");
    }

    [RootFact]
    public void Save_Archive_HoldsDockerAndOciLayoutFiles()
    {
        var id = h.BootstrapBusybox();
        var diffId = h.Inspect(id).GetProperty("RootFS").GetProperty("Layers")[0].GetString()!;
        var archive = files.Combine("bb.tar");

        h.Succeed("save", "-o", archive, "busybox");

        var entries = TestArchives.EntriesOf(archive);
        var names = entries.Select(e => e.Name.TrimStart('.', '/')).ToHashSet();
        foreach (var required in new[] { "manifest.json", "index.json", "oci-layout", "repositories", "blobs/sha256/" + TestArchives.Hex(id), "blobs/sha256/" + TestArchives.Hex(diffId) })
            Assert.True(names.Contains(required), $"{required} is not in the archive: {string.Join(", ", names)}");
        Assert.All(entries, e => Assert.Contains(e.Type, new[] { TarEntryType.RegularFile, TarEntryType.Directory }));

        var manifestJson = TestArchives.ReadJson(archive, "manifest.json");
        var item = Assert.Single(manifestJson.EnumerateArray());
        Assert.Equal("blobs/sha256/" + TestArchives.Hex(id), item.GetProperty("Config").GetString());
        Assert.Equal(new[] { "busybox:latest" }, BootstrapTests.Strings(item.GetProperty("RepoTags")));
        Assert.Equal(new[] { "blobs/sha256/" + TestArchives.Hex(diffId) }, BootstrapTests.Strings(item.GetProperty("Layers")));

        // The OCI side: index.json → manifest → config and a plain tar layer named by its diff id.
        var index = TestArchives.ReadJson(archive, "index.json");
        var entry = Assert.Single(index.GetProperty("manifests").EnumerateArray());
        Assert.Equal("docker.io/library/busybox:latest", entry.GetProperty("annotations").GetProperty("io.containerd.image.name").GetString());
        var manifestDigest = entry.GetProperty("digest").GetString()!;
        var manifestBytes = TestArchives.Read(archive, "blobs/sha256/" + TestArchives.Hex(manifestDigest));
        Assert.Equal(manifestDigest, TestArchives.Sha256(manifestBytes));
        using var manifest = System.Text.Json.JsonDocument.Parse(manifestBytes);
        Assert.Equal(id, manifest.RootElement.GetProperty("config").GetProperty("digest").GetString());
        var layer = Assert.Single(manifest.RootElement.GetProperty("layers").EnumerateArray());
        Assert.Equal("application/vnd.oci.image.layer.v1.tar", layer.GetProperty("mediaType").GetString());
        Assert.Equal(diffId, layer.GetProperty("digest").GetString());
        var layerBytes = TestArchives.Read(archive, "blobs/sha256/" + TestArchives.Hex(diffId));
        Assert.Equal(layerBytes.Length, layer.GetProperty("size").GetInt64());
        Assert.Equal(diffId, TestArchives.Sha256(layerBytes));
        Assert.Equal(id, TestArchives.Sha256(TestArchives.Read(archive, "blobs/sha256/" + TestArchives.Hex(id))));
    }

    [RootFact]
    public void Load_Garbage_FailsAndLeavesNothing()
    {
        var garbage = files.Combine("garbage.tar");
        var bytes = new byte[64 * 1024];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(garbage, bytes);

        var r = h.Cais("load", "-i", garbage);

        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}\n{r.Describe()}");
        Assert.StartsWith("Error", r.Stderr);
        h.AssertEmptyStore("after loading garbage");
    }

    [RootFact]
    public void Load_TruncatedArchive_FailsAndLeavesNothing()
    {
        h.BootstrapBusybox();
        var archive = files.Combine("bb.tar");
        h.Succeed("save", "-o", archive, "busybox");
        var truncated = files.Combine("truncated.tar");
        var bytes = File.ReadAllBytes(archive);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);

        using var fresh = new ImageHarness();
        var r = fresh.Cais("load", "-i", truncated);

        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}\n{r.Describe()}");
        fresh.AssertEmptyStore("after loading a truncated archive");
    }

    [RootFact]
    public void Load_ArchiveWithoutManifestOrIndex_FailsSayingWhatIsMissing()
    {
        var archive = files.Combine("plain.tar");
        File.WriteAllBytes(archive, TestArchives.LayerTar(("etc/hostname", "x\n")));

        var r = h.Cais("load", "-i", archive);

        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}\n{r.Describe()}");
        Assert.Contains("manifest.json", r.Stderr);
        h.AssertEmptyStore("after loading a tar that is no image archive");
    }

    [RootTheory]
    [InlineData("nope")]
    [InlineData("busybox", "nope")]
    public void Save_UnknownImage_FailsNamingItAndWritesNoFile(params string[] names)
    {
        h.BootstrapBusybox();
        var output = files.Combine("out.tar");

        var r = h.Cais(["save", "-o", output, .. names]);

        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}\n{r.Describe()}");
        Assert.Contains("nope", r.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(files.Path));
    }

    static string Printable(byte[] data, int at) =>
        at < 0 || at >= data.Length ? "-" : $"\"{System.Text.Encoding.ASCII.GetString(data, Math.Max(0, at - 16), Math.Min(32, data.Length - Math.Max(0, at - 16))).Replace("\0", "\\0")}\"";
}
