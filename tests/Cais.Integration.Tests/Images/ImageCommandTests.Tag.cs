using Cais.TestSupport;

namespace Cais.Integration.Tests.Images;

/// <summary>`cais tag SOURCE TARGET`: a new name for an image, Docker's reference rules.</summary>
public sealed partial class ImageCommandTests
{
    [RootFact]
    public void Tag_NewName_ListedWithTheSameId()
    {
        var id = h.BootstrapBusybox();

        var r = h.Succeed("tag", "busybox", "tools/bb:2");

        Assert.Equal("", r.Stdout);
        Assert.Equal(id, h.IdOf("tools/bb:2"));
        Assert.Equal(["busybox:latest", "tools/bb:2"], BootstrapTests.Strings(h.Inspect(id).GetProperty("RepoTags")).Order(StringComparer.Ordinal));
        Assert.Equal(["busybox:latest", "tools/bb:2"], Names());
        Assert.Equal([id], h.ImageIds());
    }

    [RootFact]
    public void Tag_TargetWithoutTag_MeansLatest_SourceByShortId()
    {
        var id = h.BootstrapBusybox();

        h.Succeed("tag", Short(id), "mine");

        Assert.Equal(id, h.IdOf("mine:latest"));
        Assert.Contains("mine:latest", Names());
    }

    [RootFact]
    public void Tag_NameOfAnotherImage_MovesIt_TheOldImageBecomesDangling()
    {
        h.BootstrapBusybox();
        var old = Import(RootfsTar("a.tar", ("etc/a", "a\n")), "app:1");

        h.Succeed("tag", "busybox", "app:1");

        Assert.Equal(h.IdOf("busybox"), h.IdOf("app:1"));
        var dangling = Assert.Single(ImageTable.Parse(h.Succeed("images", "-f", "dangling=true").Stdout).Rows);
        Assert.Equal(Short(old), dangling["IMAGE ID"]);
    }

    /// <summary>
    /// Names Docker's reference grammar rejects. ("Upper/x" is not among them: Docker reads a
    /// first component with capitals as a registry host, so that one is a valid name.)
    /// </summary>
    [RootTheory]
    [InlineData("UPPER", "must be lowercase")]
    [InlineData("tools/Mixed:1", "must be lowercase")]
    [InlineData("a:b:c", "invalid reference format")]
    [InlineData("two words", "invalid reference format")]
    [InlineData("name:", "invalid reference format")]
    [InlineData(":tag", "invalid reference format")]
    [InlineData("name@sha256:abc", "invalid reference format")]
    [InlineData("name@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "digest")]
    public void Tag_InvalidTarget_FailsNamingTheProblemAndChangesNothing(string target, string problem)
    {
        h.BootstrapBusybox();
        var before = h.Succeed("images", "--no-trunc").Stdout;

        var r = h.Cais("tag", "busybox", target);

        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}\n{r.Describe()}");
        // docker's words: "Error parsing reference: ..." or "refusing to create a tag with a digest reference".
        Assert.Contains(problem, r.Stderr);
        Assert.Equal(before, h.Succeed("images", "--no-trunc").Stdout);
    }

    [RootFact]
    public void Tag_UppercaseFirstComponent_IsARegistryHostAsInDocker()
    {
        var id = h.BootstrapBusybox();

        h.Succeed("tag", "busybox", "Upper/x");

        Assert.Equal(id, h.IdOf("Upper/x:latest"));
    }

    [RootFact]
    public void Tag_UnknownSource_FailsWithNoSuchImage()
    {
        h.BootstrapBusybox();

        var r = h.Cais("tag", "nope", "x:1");

        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}\n{r.Describe()}");
        Assert.Contains("No such image: nope", r.Stderr);
        Assert.Equal(["busybox:latest"], Names());
    }
}
