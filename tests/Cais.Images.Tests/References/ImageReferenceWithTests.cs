using Cais.Images.References;

namespace Cais.Images.Tests.References;

public class ImageReferenceWithTests
{
    static readonly Digest Sha = Digest.Sha256("7cc4b5aefd1d0cadf8d97d4350462ba51c694ebca145b08d7d41b41acc8db5aa");

    [Fact]
    public void WithTag_TaggedReference_ReplacesTag()
    {
        var r = ImageReference.Parse("localhost:5000/app:1").WithTag("2");

        Assert.Equal("localhost:5000/app:2", r.ToString());
    }

    [Fact]
    public void WithTag_DigestedReference_KeepsDigest()
    {
        var r = ImageReference.Parse("busybox@" + Sha).WithTag("1.36");

        Assert.Equal("docker.io/library/busybox:1.36@" + Sha, r.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("-x")]
    [InlineData("a b")]
    [InlineData("a:b")]
    public void WithTag_InvalidTag_ThrowsInvalidTagFormat(string tag)
    {
        var e = Assert.Throws<InvalidReferenceException>(() => ImageReference.Parse("busybox").WithTag(tag));

        Assert.Equal("invalid tag format", e.Message);
    }

    [Fact]
    public void WithDigest_TaggedReference_KeepsTag()
    {
        var r = ImageReference.Parse("busybox:1.36").WithDigest(Sha);

        Assert.Equal("busybox:1.36@" + Sha, r.FamiliarString());
        Assert.False(r.IsDigestOnly);
    }

    [Fact]
    public void WithDigest_DefaultDigest_Throws()
    {
        var e = Assert.Throws<InvalidReferenceException>(() => ImageReference.Parse("busybox").WithDigest(default));

        Assert.Equal("invalid digest format", e.Message);
    }

    [Fact]
    public void WithoutTagOrDigest_PinnedReference_LeavesRepository()
    {
        var r = ImageReference.Parse("busybox:1@" + Sha).WithoutTagOrDigest();

        Assert.True(r.IsNameOnly);
        Assert.Equal("docker.io/library/busybox", r.ToString());
    }

    [Fact]
    public void WithTag_ThenDigestOnly_RoundTripsThroughParse()
    {
        var r = ImageReference.ParseNamed("user/app").WithDigest(Sha);

        Assert.True(r.IsDigestOnly);
        Assert.Equal(r, ImageReference.Parse(r.ToString()));
        Assert.Equal(r, ImageReference.Parse(r.FamiliarString()));
    }
}
