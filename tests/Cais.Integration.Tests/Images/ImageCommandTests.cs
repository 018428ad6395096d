using Cais.TestSupport;

namespace Cais.Integration.Tests.Images;

/// <summary>
/// `cais images` and its filters, as a user types them. The other image commands are in the
/// partial files beside this one (tag and rmi, import/history/inspect, prune).
/// </summary>
[Collection("containers")]
public sealed partial class ImageCommandTests : IDisposable
{
    readonly ImageHarness h = new();
    readonly TempDir files = new("cais-image-commands-");

    public void Dispose()
    {
        h.Dispose();
        files.Dispose();
    }

    [RootFact]
    public void Images_EmptyStore_PrintsDockersHeaderOnly()
    {
        var r = h.Succeed("images");

        Assert.Equal(["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"], ImageTable.Parse(r.Stdout).Columns);
        Assert.Single(r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(r.Stdout, h.Succeed("image", "ls").Stdout);
    }

    [RootFact]
    public void Images_ImageWithTwoTags_ARowPerTagWithTheShortId()
    {
        var id = h.BootstrapBusybox();
        h.Succeed("tag", "busybox", "tools/bb:2");

        var table = ImageTable.Parse(h.Succeed("images").Stdout);

        Assert.Equal(["busybox latest", "tools/bb 2"], table.Rows.Select(r => $"{r["REPOSITORY"]} {r["TAG"]}").Order());
        Assert.All(table.Column("IMAGE ID"), shown => Assert.Equal(Short(id), shown));
        Assert.All(table.Column("SIZE"), size => Assert.EndsWith("MB", size));
    }

    [RootFact]
    public void Images_Quiet_AnIdPerRowAsDockerPrintsThem()
    {
        var busybox = h.BootstrapBusybox();
        h.Succeed("tag", "busybox", "tools/bb:2");
        h.Succeed("tag", "busybox", "other/bb:3");
        var imported = Import(RootfsTar("a.tar", ("etc/a", "a\n")), "imp:1");

        var quiet = Lines(h.Succeed("images", "-q").Stdout);

        // Docker prints the id of every row, so an image with three names shows three times.
        Assert.Equal(new[] { Short(busybox), Short(busybox), Short(busybox), Short(imported) }.Order(), quiet.Order());
        Assert.Equal(new[] { busybox, busybox, busybox, imported }.Order(), Lines(h.Succeed("images", "-q", "--no-trunc").Stdout).Order());
    }

    [RootFact]
    public void Images_NoTrunc_ShowsFullIds()
    {
        var id = h.BootstrapBusybox();

        var table = ImageTable.Parse(h.Succeed("images", "--no-trunc").Stdout);

        Assert.Equal([id], table.Column("IMAGE ID"));
    }

    [RootFact]
    public void Images_Digests_AddsADigestColumnNoneForLocalImages()
    {
        var id = h.BootstrapBusybox();

        var table = ImageTable.Parse(h.Succeed("images", "--digests").Stdout);

        Assert.Equal(["REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE"], table.Columns);
        var row = Assert.Single(table.Rows);
        // A bootstrapped image was never pushed or pulled: it has no repository digest.
        Assert.Equal("<none>", row["DIGEST"]);
        Assert.Equal(Short(id), row["IMAGE ID"]);
    }

    [RootFact]
    public void Images_FilterDangling_SplitsUntaggedFromTagged()
    {
        var busybox = h.BootstrapBusybox();
        var untagged = Import(RootfsTar("a.tar", ("etc/a", "a\n")));

        var dangling = Assert.Single(ImageTable.Parse(h.Succeed("images", "-f", "dangling=true").Stdout).Rows);
        var named = Assert.Single(ImageTable.Parse(h.Succeed("images", "--filter", "dangling=false").Stdout).Rows);

        Assert.Equal(("<none>", "<none>", Short(untagged)), (dangling["REPOSITORY"], dangling["TAG"], dangling["IMAGE ID"]));
        Assert.Equal(("busybox", "latest", Short(busybox)), (named["REPOSITORY"], named["TAG"], named["IMAGE ID"]));
        Assert.Equal([Short(untagged)], Lines(h.Succeed("images", "-q", "-f", "dangling=true").Stdout));
    }

    [RootFact]
    public void Images_FilterReference_GlobsOnNameAndOnNameTag()
    {
        h.BootstrapBusybox();
        foreach (var name in new[] { "tools/bb:1", "tools/cc:2", "other/bb:1" })
            h.Succeed("tag", "busybox", name);
        Import(RootfsTar("a.tar", ("etc/a", "a\n"))); // dangling: no name any pattern could match

        // '*' stops at '/' (Go's path.Match), so "tools/*" is not "*".
        Assert.Equal(["tools/bb:1", "tools/cc:2"], Names("-f", "reference=tools/*"));
        Assert.Equal(["other/bb:1", "tools/bb:1"], Names("-f", "reference=*/bb"));
        Assert.Equal(["busybox:latest"], Names("-f", "reference=*"));
        Assert.Equal(["busybox:latest"], Names("-f", "reference=busy?ox:lat*"));
        Assert.Equal(["other/bb:1", "tools/bb:1"], Names("-f", "reference=*/*:1"));
        // Several reference filters: a row matching any of them.
        Assert.Equal(["busybox:latest", "tools/cc:2"], Names("-f", "reference=busybox", "-f", "reference=tools/cc"));
        Assert.Empty(Names("-f", "reference=nothing*"));
    }

    [RootFact]
    public void Images_RepositoryArgument_ListsThatRepositoryOrThatTag()
    {
        h.BootstrapBusybox();
        h.Succeed("tag", "busybox", "tools/bb:1");
        h.Succeed("tag", "busybox", "tools/bb:2");
        h.Succeed("tag", "busybox", "tools/cc:1");

        Assert.Equal(["tools/bb:1", "tools/bb:2"], Names("tools/bb"));
        Assert.Equal(["tools/bb:2"], Names("tools/bb:2"));
        Assert.Equal(["busybox:latest"], Names("busybox"));
        Assert.Empty(Names("nothing"));
    }

    [RootTheory]
    [InlineData("color=blue", "color")]
    [InlineData("dangling=maybe", "maybe")]
    [InlineData("dangling", "dangling")]
    public void Images_BadFilter_FailsNamingIt(string filter, string named)
    {
        h.BootstrapBusybox();

        var r = h.Cais("images", "-f", filter);

        Assert.True(r.ExitCode is 1 or 125, $"exit {r.ExitCode}\n{r.Describe()}");
        Assert.Contains(named, r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    /// <summary>"name:tag" of each row `images ARGS` prints, sorted.</summary>
    List<string> Names(params string[] args) =>
        [.. ImageTable.Parse(h.Succeed(["images", .. args]).Stdout).Rows.Select(r => $"{r["REPOSITORY"]}:{r["TAG"]}").Order(StringComparer.Ordinal)];

    /// <summary>A root filesystem tarball in the test's scratch directory.</summary>
    string RootfsTar(string name, params (string Path, string Content)[] content)
    {
        var path = files.Combine(name);
        File.WriteAllBytes(path, TestArchives.LayerTar(content));
        return path;
    }

    /// <summary>`cais import [OPTIONS...] FILE [REF]`; returns the id it prints.</summary>
    string Import(string tar, string? reference = null, params string[] options)
    {
        var r = h.Succeed(reference is null ? ["import", .. options, tar] : ["import", .. options, tar, reference]);
        Assert.Matches("^sha256:[0-9a-f]{64}\n$", r.Stdout);
        return r.Stdout.Trim();
    }

    /// <summary>The 12 hex digits `images` shows for an id.</summary>
    static string Short(string id) => id["sha256:".Length..][..12];

    static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
