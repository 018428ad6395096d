using Cais.TestSupport;

namespace Cais.Integration.Tests.Images;

/// <summary>`cais rmi`: untag while other names remain, delete with the last one, Docker's refusals.</summary>
public sealed partial class ImageCommandTests
{
    [RootFact]
    public void Rmi_NameOfAnImageWithAnotherTag_OnlyUntags_LayersAndBlobsKept()
    {
        var id = h.BootstrapBusybox();
        h.Succeed("tag", "busybox", "tools/bb:2");
        var layers = h.LayerDirs();
        var blobs = h.Blobs();

        var r = h.Succeed("rmi", "tools/bb:2");

        Assert.Equal("Untagged: tools/bb:2\n", r.Stdout);
        Assert.Equal([id], h.ImageIds());
        Assert.Equal(["busybox:latest"], Names());
        Assert.Equal(layers.Order(), h.LayerDirs().Order());
        Assert.Equal(blobs.Order(), h.Blobs().Order());
    }

    [RootFact]
    public void Rmi_LastName_UntagsThenDeletes_StoreEmptyAfterwards()
    {
        var id = h.BootstrapBusybox();

        var r = h.Succeed("rmi", "busybox");

        var lines = Lines(r.Stdout);
        Assert.True(lines.Length >= 2, $"expected Untagged and Deleted lines:\n{r.Stdout}");
        Assert.Equal("Untagged: busybox:latest", lines[0]);
        Assert.Equal($"Deleted: {id}", lines[1]);
        // Docker's graph-driver store may add a Deleted line per layer; nothing else.
        Assert.All(lines.Skip(2), l => Assert.Matches("^Deleted: sha256:[0-9a-f]{64}$", l));
        h.AssertEmptyStore("after removing the only image by its only name");
    }

    [RootFact]
    public void Rmi_UnknownName_FailsWithDockersNoSuchImage()
    {
        h.BootstrapBusybox();

        var r = h.Cais("rmi", "nope");

        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}\n{r.Describe()}");
        Assert.StartsWith("Error", r.Stderr);
        Assert.Contains("No such image: nope", r.Stderr);
        Assert.Equal("", r.Stdout);
        Assert.Equal(["busybox:latest"], Names());
    }

    [RootFact]
    public void Rmi_SeveralNamesOneUnknown_RemovesTheOthersAndExits1()
    {
        var id = h.BootstrapBusybox();
        h.Succeed("tag", "busybox", "tools/bb:2");

        var r = h.Cais("rmi", "nope", "tools/bb:2");

        // Docker goes on past a failed name and reports the failure in the exit status.
        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}\n{r.Describe()}");
        Assert.Contains("No such image: nope", r.Stderr);
        Assert.Equal("Untagged: tools/bb:2\n", r.Stdout);
        Assert.Equal([id], h.ImageIds());
    }

    [RootFact]
    public void Rmi_IdOfAnImageInSeveralRepositories_RefusedWithoutForce_RemovedWithForce()
    {
        var id = h.BootstrapBusybox();
        h.Succeed("tag", "busybox", "tools/bb:2");

        var refused = h.Cais("rmi", Short(id));

        Assert.True(refused.ExitCode == 1, $"exit {refused.ExitCode}\n{refused.Describe()}");
        Assert.Contains($"conflict: unable to delete {Short(id)} (must be forced) - image is referenced in multiple repositories", refused.Stderr);
        Assert.Equal(["busybox:latest", "tools/bb:2"], Names());

        var forced = h.Succeed("rmi", "-f", Short(id));

        var lines = Lines(forced.Stdout);
        Assert.Equal(["Untagged: busybox:latest", "Untagged: tools/bb:2"], lines.Where(l => l.StartsWith("Untagged")).Order(StringComparer.Ordinal));
        Assert.Contains($"Deleted: {id}", lines);
        h.AssertEmptyStore("after rmi -f by id");
    }

    [RootFact]
    public void Rmi_IdOfAnImageWithSeveralTagsInOneRepository_RemovesThemAllWithoutForce()
    {
        var id = h.BootstrapBusybox();
        h.Succeed("tag", "busybox", "busybox:2");

        var r = h.Succeed("rmi", id);

        var lines = Lines(r.Stdout);
        Assert.Equal(["Untagged: busybox:2", "Untagged: busybox:latest"], lines.Where(l => l.StartsWith("Untagged")).Order(StringComparer.Ordinal));
        Assert.Contains($"Deleted: {id}", lines);
        h.AssertEmptyStore("after rmi by id");
    }

    [RootFact]
    public void Rmi_DanglingImageById_DeletesIt()
    {
        var busybox = h.BootstrapBusybox();
        var untagged = Import(RootfsTar("a.tar", ("etc/a", "a\n")));

        var r = h.Succeed("rmi", Short(untagged));

        Assert.Equal($"Deleted: {untagged}", Lines(r.Stdout)[0]);
        Assert.DoesNotContain(r.Stdout, "Untagged");
        Assert.Equal([busybox], h.ImageIds());
        Assert.Single(h.LayerDirs());
    }
}
