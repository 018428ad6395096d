using System.Text.Json;
using Cais.TestSupport;

namespace Cais.Integration.Tests.Images;

/// <summary>`cais image bootstrap`: base images made on this machine, busybox and debootstrap's Debian.</summary>
[Collection("containers")]
public sealed class BootstrapTests : IDisposable
{
    readonly ImageHarness h = new();

    public void Dispose() => h.Dispose();

    [RootFact]
    public void Busybox_Bootstrapped_IsTaggedWithShCmdAndOneLinuxAmd64Layer()
    {
        var id = h.BootstrapBusybox();

        var image = h.Inspect("busybox:latest");
        Assert.Equal(id, image.GetProperty("Id").GetString());
        Assert.Equal(["busybox:latest"], Strings(image.GetProperty("RepoTags")));
        Assert.Equal(["sh"], Strings(image.GetProperty("Config").GetProperty("Cmd")));
        Assert.Equal("linux", image.GetProperty("Os").GetString());
        Assert.Equal("amd64", image.GetProperty("Architecture").GetString());
        var rootfs = image.GetProperty("RootFS");
        Assert.Equal("layers", rootfs.GetProperty("Type").GetString());
        Assert.Equal(1, rootfs.GetProperty("Layers").GetArrayLength());
        Assert.StartsWith("sha256:", rootfs.GetProperty("Layers")[0].GetString());
        Assert.True(image.GetProperty("Size").GetInt64() > 1_000_000, "a busybox image weighs more than 1 MB");
    }

    [RootFact]
    public void Busybox_BootstrappedTwice_SameIdAndOneUnpackedLayer()
    {
        var first = h.BootstrapBusybox();
        var second = h.BootstrapBusybox();

        Assert.Equal(first, second);
        Assert.Single(h.LayerDirs());
        Assert.Equal([first], h.ImageIds());
    }

    [RootFact]
    public void Busybox_InTwoDataRoots_SameId()
    {
        using var other = new ImageHarness();

        Assert.Equal(h.BootstrapBusybox(), other.BootstrapBusybox());
    }

    [RootFact]
    public void Busybox_WithTag_NamedOnlyByThatTag()
    {
        var id = h.BootstrapBusybox("tools/bb:1");

        Assert.Equal(id, h.IdOf("tools/bb:1"));
        Assert.Equal(1, h.Cais("image", "inspect", "busybox").ExitCode);
    }

    [RootFact]
    public void Busybox_Bootstrapped_LayerHasShellAndAppletLinks()
    {
        h.BootstrapBusybox();

        var diff = Assert.Single(h.LayerDirs().Select(d => Path.Combine(d, "diff")));
        var busybox = new FileInfo(Path.Combine(diff, "bin", "busybox"));
        Assert.True(busybox.Exists && busybox.LinkTarget is null, "bin/busybox is a regular file");
        Assert.Equal(new FileInfo(BusyboxRootfs.HostBusybox).Length, busybox.Length);
        Assert.NotEqual(0, (int)(FileModes.Get(busybox.FullName) & UnixFileMode.UserExecute));
        // Every applet is a link that resolves to the binary inside the layer.
        foreach (var applet in new[] { "bin/sh", "bin/ls", "bin/cat", "usr/bin/env" })
        {
            var link = new FileInfo(Path.Combine(diff, applet));
            Assert.True(link.LinkTarget is not null, $"{applet} is not a link");
            Assert.Equal(busybox.FullName, link.ResolveLinkTarget(returnFinalTarget: true)!.FullName);
        }
        Assert.Contains("root:x:0:0:", File.ReadAllText(Path.Combine(diff, "etc", "passwd")));
        Assert.Equal(FileModes.Mode1777, FileModes.Get(Path.Combine(diff, "tmp")) & FileModes.Mode1777);
    }

    [RootFact]
    public void Busybox_Bootstrapped_LeavesNothingInTmp()
    {
        h.BootstrapBusybox();

        Assert.Empty(h.Entries("tmp"));
        Assert.Empty(h.Entries("overlay", "staging"));
        Assert.Empty(h.Entries("content", "ingest"));
    }

    [RootTheory]
    [InlineData("nonsense")]
    [InlineData("debian")]
    [InlineData("alpine:3.20")]
    public void Bootstrap_UnknownSource_FailsNamingTheAcceptedForms(string source)
    {
        var r = h.Cais("image", "bootstrap", source);

        Assert.True(r.ExitCode is 1 or 125, $"exit {r.ExitCode}\n{r.Describe()}");
        Assert.Contains(source, r.Stderr);
        Assert.Contains("busybox", r.Stderr);
        Assert.Contains("debian:", r.Stderr);
        Assert.Empty(h.ImageIds());
    }

    [RootFact]
    public void Bootstrap_NoArgument_FailsWithUsage()
    {
        var r = h.Cais("image", "bootstrap");

        // A wrong argument count is docker's usage error: status 1, the usage line naming the forms.
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("cais: 'cais image bootstrap' requires 1 argument", r.Stderr);
        Assert.Contains("busybox|debian:SUITE", r.Stderr);
    }

    /// <summary>Real debootstrap from the apt mirror: about a minute, more on a cold mirror.</summary>
    [RootFact]
    public void DebianBookworm_Bootstrapped_HasBashAndDebianVersionAndLeavesNoScratch()
    {
        if (HostRequirements.FindOnPath("debootstrap") is null && !File.Exists("/usr/sbin/debootstrap"))
            Assert.Fail("debootstrap is not installed (apt-get install debootstrap)");

        var r = h.Cais(TimeSpan.FromMinutes(5), "image", "bootstrap", "debian:bookworm");
        Assert.True(r.ExitCode == 0, r.Describe());
        var id = ImageHarness.IdIn(r.Stdout);

        var image = h.Inspect("debian:bookworm");
        Assert.Equal(id, image.GetProperty("Id").GetString());
        Assert.Equal(["bash"], Strings(image.GetProperty("Config").GetProperty("Cmd")));
        Assert.Equal("linux", image.GetProperty("Os").GetString());
        Assert.Equal(1, image.GetProperty("RootFS").GetProperty("Layers").GetArrayLength());
        var diff = Path.Combine(Assert.Single(h.LayerDirs()), "diff");
        Assert.True(File.Exists(Path.Combine(diff, "usr", "bin", "bash")), "usr/bin/bash is missing from the layer");
        Assert.StartsWith("12", File.ReadAllText(Path.Combine(diff, "etc", "debian_version")));
        // debootstrap's work tree, the layer tar and the spool are all scratch.
        Assert.Empty(h.Entries("tmp"));
        Assert.Empty(h.Entries("overlay", "staging"));
        Assert.Empty(h.Entries("content", "ingest"));
    }

    internal static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
