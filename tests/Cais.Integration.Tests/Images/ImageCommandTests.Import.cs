using System.Text.Json;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Images;

/// <summary>`cais import`: a root filesystem tarball from a file or stdin becomes a one-layer image.</summary>
public sealed partial class ImageCommandTests
{
    [RootFact]
    public void Import_FromFile_WithChangesAndMessage_InspectShowsThem()
    {
        var tar = RootfsTar("rootfs.tar", ("etc/hello", "hi\n"), ("bin/tool", "#!/bin/sh\n"));

        var id = Import(tar, "imp:1", "-c", "CMD [\"/bin/sh\"]", "-c", "ENV A=1", "-m", "first rootfs");

        var image = h.Inspect("imp:1");
        Assert.Equal(id, image.GetProperty("Id").GetString());
        Assert.Equal(["imp:1"], BootstrapTests.Strings(image.GetProperty("RepoTags")));
        var config = image.GetProperty("Config");
        Assert.Equal(["/bin/sh"], BootstrapTests.Strings(config.GetProperty("Cmd")));
        Assert.Contains("A=1", BootstrapTests.Strings(config.GetProperty("Env")));
        Assert.Equal("first rootfs", image.GetProperty("Comment").GetString());
        Assert.Equal("linux", image.GetProperty("Os").GetString());
        // One layer, named by the sha256 of the tarball as given (it is not compressed).
        Assert.Equal([TestArchives.Sha256(File.ReadAllBytes(tar))], BootstrapTests.Strings(image.GetProperty("RootFS").GetProperty("Layers")));
        Assert.Equal("hi\n", File.ReadAllText(Path.Combine(h.LayerHolding("etc/hello"), "etc", "hello")));
    }

    [RootFact]
    public void Import_FromStdin_SameLayerAsFromTheFile()
    {
        var tar = RootfsTar("rootfs.tar", ("etc/hello", "hi\n"));

        var r = h.CaisWithStdinFrom(tar, "import", "-", "imp:stdin");

        Assert.True(r.ExitCode == 0, r.Describe());
        var id = ImageHarness.IdIn(r.Stdout);
        var image = h.Inspect("imp:stdin");
        Assert.Equal(id, image.GetProperty("Id").GetString());
        Assert.Equal([TestArchives.Sha256(File.ReadAllBytes(tar))], BootstrapTests.Strings(image.GetProperty("RootFS").GetProperty("Layers")));
        // Docker's comment for an import without -m; the CLI streams a file as "-" too.
        Assert.Equal("Imported from -", image.GetProperty("Comment").GetString());
        Assert.Single(h.LayerDirs());
    }

    [RootFact]
    public void Import_GzipTarball_LayerNamedByTheUncompressedTar()
    {
        var plain = TestArchives.LayerTar(("etc/hello", "hi\n"));
        var gz = files.Combine("rootfs.tar.gz");
        File.WriteAllBytes(gz, TestArchives.Gzip(plain));

        Import(gz, "imp:gz");

        Assert.Equal([TestArchives.Sha256(plain)], BootstrapTests.Strings(h.Inspect("imp:gz").GetProperty("RootFS").GetProperty("Layers")));
        Assert.True(File.Exists(Path.Combine(h.LayerHolding("etc/hello"), "etc", "hello")));
    }

    [RootFact]
    public void Import_WithoutReference_ADanglingImage()
    {
        var id = Import(RootfsTar("a.tar", ("etc/a", "a\n")));

        var row = Assert.Single(ImageTable.Parse(h.Succeed("images").Stdout).Rows);
        Assert.Equal(("<none>", "<none>", Short(id)), (row["REPOSITORY"], row["TAG"], row["IMAGE ID"]));
        Assert.Empty(h.Inspect(id).GetProperty("RepoTags").EnumerateArray());
    }

    [RootFact]
    public void Import_NotATar_FailsAndLeavesNothing()
    {
        var junk = files.Combine("junk.bin");
        var bytes = new byte[64 * 1024];
        new Random(11).NextBytes(bytes);
        File.WriteAllBytes(junk, bytes);

        var r = h.Cais("import", junk, "junk:1");

        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}\n{r.Describe()}");
        Assert.StartsWith("Error", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr); // one line, no stack trace
        h.AssertEmptyStore("after importing a file that is no tar");
    }

    [RootFact]
    public void Import_ChangeThatIsNotAllowed_FailsNamingItAndLeavesNothing()
    {
        var tar = RootfsTar("a.tar", ("etc/a", "a\n"));

        var r = h.Cais("import", "-c", "RUN echo hi", tar, "imp:1");

        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}\n{r.Describe()}");
        Assert.Contains("RUN is not a valid change command", r.Stderr);
        h.AssertEmptyStore("after an import with a bad change");
    }

    [RootFact]
    public void Inspect_SeveralNames_OneArrayInTheOrderGiven()
    {
        var busybox = h.BootstrapBusybox();
        var imported = Import(RootfsTar("a.tar", ("etc/a", "a\n")), "imp:1");

        var r = h.Succeed("image", "inspect", "imp:1", "busybox");

        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        Assert.Equal([imported, busybox], doc.RootElement.EnumerateArray().Select(e => e.GetProperty("Id").GetString()!));
    }

    [RootFact]
    public void Inspect_OneNameMissing_PrintsTheOthersAndFailsWithNoSuchImage()
    {
        var busybox = h.BootstrapBusybox();

        var r = h.Cais("image", "inspect", "busybox", "nope");

        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}\n{r.Describe()}");
        Assert.Equal("Error response from daemon: No such image: nope\n", r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal([busybox], doc.RootElement.EnumerateArray().Select(e => e.GetProperty("Id").GetString()!));
    }

    [RootFact]
    public void Inspect_OnlyMissingNames_EmptyArrayAndAnErrorForEach()
    {
        var r = h.Cais("image", "inspect", "nope", "other:1");

        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}\n{r.Describe()}");
        Assert.Equal("[]", r.Stdout.Trim());
        Assert.Equal("Error response from daemon: No such image: nope\nError response from daemon: No such image: other:1\n", r.Stderr);
    }
}
