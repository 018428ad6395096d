using Cais.Images.References;

namespace Cais.Images.Tests.References;

/// <summary>
/// Good inputs and their normalised forms; cases follow distribution/reference's
/// normalize_test.go and what the docker CLI prints.
/// </summary>
public class ImageReferenceParseTests
{
    const string Hex = "7cc4b5aefd1d0cadf8d97d4350462ba51c694ebca145b08d7d41b41acc8db5aa";
    const string Sha = "sha256:" + Hex;

    [Theory]
    // input, full normalised form, familiar form, domain, path
    [InlineData("busybox", "docker.io/library/busybox:latest", "busybox:latest", "docker.io", "library/busybox")]
    [InlineData("busybox:1.36", "docker.io/library/busybox:1.36", "busybox:1.36", "docker.io", "library/busybox")]
    [InlineData("library/busybox", "docker.io/library/busybox:latest", "busybox:latest", "docker.io", "library/busybox")]
    [InlineData("docker.io/busybox", "docker.io/library/busybox:latest", "busybox:latest", "docker.io", "library/busybox")]
    [InlineData("docker.io/library/busybox:latest", "docker.io/library/busybox:latest", "busybox:latest", "docker.io", "library/busybox")]
    [InlineData("index.docker.io/busybox", "docker.io/library/busybox:latest", "busybox:latest", "docker.io", "library/busybox")]
    [InlineData("index.docker.io/user/app", "docker.io/user/app:latest", "user/app:latest", "docker.io", "user/app")]
    [InlineData("user/name:1.0", "docker.io/user/name:1.0", "user/name:1.0", "docker.io", "user/name")]
    [InlineData("library/foo/bar", "docker.io/library/foo/bar:latest", "library/foo/bar:latest", "docker.io", "library/foo/bar")]
    [InlineData("store/foo/bar", "docker.io/store/foo/bar:latest", "store/foo/bar:latest", "docker.io", "store/foo/bar")]
    [InlineData("localhost/app", "localhost/app:latest", "localhost/app:latest", "localhost", "app")]
    [InlineData("localhost:5000/a/b:tag", "localhost:5000/a/b:tag", "localhost:5000/a/b:tag", "localhost:5000", "a/b")]
    [InlineData("host:5000/a/b:tag", "host:5000/a/b:tag", "host:5000/a/b:tag", "host:5000", "a/b")]
    [InlineData("example.com/app", "example.com/app:latest", "example.com/app:latest", "example.com", "app")]
    [InlineData("xn--n3h.com:18080/foo", "xn--n3h.com:18080/foo:latest", "xn--n3h.com:18080/foo:latest", "xn--n3h.com:18080", "foo")]
    [InlineData("127.0.0.1:5000/library/debian", "127.0.0.1:5000/library/debian:latest", "127.0.0.1:5000/library/debian:latest", "127.0.0.1:5000", "library/debian")]
    [InlineData("[fc00::1]:5000/docker/docker", "[fc00::1]:5000/docker/docker:latest", "[fc00::1]:5000/docker/docker:latest", "[fc00::1]:5000", "docker/docker")]
    [InlineData("Foo/bar", "Foo/bar:latest", "Foo/bar:latest", "Foo", "bar")]
    [InlineData("test_com/foo", "docker.io/test_com/foo:latest", "test_com/foo:latest", "docker.io", "test_com/foo")]
    [InlineData("localhost", "docker.io/library/localhost:latest", "localhost:latest", "docker.io", "library/localhost")]
    [InlineData("192.168.0.1:80", "docker.io/library/192.168.0.1:80", "192.168.0.1:80", "docker.io", "library/192.168.0.1")]
    [InlineData("dock__er/docker---rules", "docker.io/dock__er/docker---rules:latest", "dock__er/docker---rules:latest", "docker.io", "dock__er/docker---rules")]
    [InlineData("d/t", "docker.io/d/t:latest", "d/t:latest", "docker.io", "d/t")]
    [InlineData("busybox:_A.b-c", "docker.io/library/busybox:_A.b-c", "busybox:_A.b-c", "docker.io", "library/busybox")]
    [InlineData("busybox@" + Sha, "docker.io/library/busybox@" + Sha, "busybox@" + Sha, "docker.io", "library/busybox")]
    [InlineData("busybox:latest@" + Sha, "docker.io/library/busybox:latest@" + Sha, "busybox:latest@" + Sha, "docker.io", "library/busybox")]
    [InlineData("localhost:5000/a@" + Sha, "localhost:5000/a@" + Sha, "localhost:5000/a@" + Sha, "localhost:5000", "a")]
    [InlineData("dbcc1", "docker.io/library/dbcc1:latest", "dbcc1:latest", "docker.io", "library/dbcc1")]
    [InlineData("docker.io/" + Hex, "docker.io/library/" + Hex + ":latest", Hex + ":latest", "docker.io", "library/" + Hex)]
    public void Parse_ValidReference_Normalises(string input, string full, string familiar, string domain, string path)
    {
        var r = ImageReference.Parse(input);

        Assert.Equal(full, r.ToString());
        Assert.Equal(familiar, r.FamiliarString());
        Assert.Equal(domain, r.Domain);
        Assert.Equal(path, r.Path);
        Assert.Equal(domain + "/" + path, r.Name);
    }

    [Theory]
    [InlineData("busybox", "busybox")]
    [InlineData("docker.io/library/busybox", "busybox")]
    [InlineData("user/name", "user/name")]
    [InlineData("library/foo/bar", "library/foo/bar")]
    [InlineData("localhost:5000/a/b", "localhost:5000/a/b")]
    [InlineData("example.com/library/app", "example.com/library/app")]
    public void FamiliarName_Reference_IsWhatDockerShows(string input, string familiarName)
    {
        Assert.Equal(familiarName, ImageReference.Parse(input).FamiliarName);
    }

    [Fact]
    public void Parse_NoTagNoDigest_AddsLatest()
    {
        var r = ImageReference.Parse("busybox");

        Assert.Equal("latest", r.Tag);
        Assert.Null(r.Digest);
        Assert.False(r.IsDigestOnly);
        Assert.False(r.IsNameOnly);
    }

    [Fact]
    public void Parse_DigestOnly_AddsNoTag()
    {
        var r = ImageReference.Parse("busybox@" + Sha);

        Assert.Null(r.Tag);
        Assert.Equal(Digest.Parse(Sha), r.Digest);
        Assert.True(r.IsDigestOnly);
    }

    [Fact]
    public void Parse_TagAndDigest_KeepsBoth()
    {
        var r = ImageReference.Parse("busybox:1.36@" + Sha);

        Assert.Equal("1.36", r.Tag);
        Assert.Equal(Digest.Parse(Sha), r.Digest);
        Assert.False(r.IsDigestOnly);
    }

    [Fact]
    public void ParseNamed_NoTag_StaysNameOnly()
    {
        var r = ImageReference.ParseNamed("busybox");

        Assert.True(r.IsNameOnly);
        Assert.Equal("docker.io/library/busybox", r.ToString());
        Assert.Equal("busybox", r.FamiliarString());
    }

    [Fact]
    public void Parse_TwoSpellingsOfOneImage_AreEqual()
    {
        Assert.Equal(ImageReference.Parse("busybox"), ImageReference.Parse("docker.io/library/busybox:latest"));
        Assert.Equal(ImageReference.Parse("busybox").GetHashCode(), ImageReference.Parse("index.docker.io/library/busybox").GetHashCode());
        Assert.NotEqual(ImageReference.Parse("busybox"), ImageReference.Parse("busybox:1"));
    }

    [Fact]
    public void Parse_PathOf255Characters_IsAccepted()
    {
        var path = "a/" + new string('b', 253);

        Assert.Equal(path, ImageReference.Parse(path).Path);
    }

    [Fact]
    public void Parse_TagOf128Characters_IsAccepted()
    {
        var tag = new string('t', 128);

        Assert.Equal(tag, ImageReference.Parse("busybox:" + tag).Tag);
    }

    [Fact]
    public void TryParse_ValidAndInvalid_ReportsWithoutThrowing()
    {
        Assert.True(ImageReference.TryParse("busybox", out var r));
        Assert.Equal("docker.io/library/busybox:latest", r!.ToString());
        Assert.False(ImageReference.TryParse("BusyBox", out var bad));
        Assert.Null(bad);
        Assert.False(ImageReference.TryParse(null, out _));
    }
}
