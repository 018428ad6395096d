using Cais.Images.References;

namespace Cais.Images.Tests.References;

/// <summary>Bad inputs and Docker's message for each (distribution/reference, go-digest).</summary>
public class ImageReferenceErrorTests
{
    const string Hex = "7cc4b5aefd1d0cadf8d97d4350462ba51c694ebca145b08d7d41b41acc8db5aa";
    const string Invalid = "invalid reference format";

    [Theory]
    [InlineData("BusyBox", "invalid reference format: repository name (library/BusyBox) must be lowercase")]
    [InlineData("docker/Docker", "invalid reference format: repository name (docker/Docker) must be lowercase")]
    [InlineData("docker.io/docker/Docker", "invalid reference format: repository name (docker/Docker) must be lowercase")]
    [InlineData("localhost:5000/Foo:tag", "invalid reference format: repository name (Foo) must be lowercase")]
    [InlineData(Hex, "invalid repository name (" + Hex + "), cannot specify 64-byte hexadecimal strings")]
    [InlineData("", Invalid)]
    [InlineData(":tag", Invalid)]
    [InlineData("busybox:", Invalid)]
    [InlineData("busybox:-tag", Invalid)]
    [InlineData("busybox:.tag", Invalid)]
    [InlineData("busybox:ta/g", Invalid)]
    [InlineData("busybox:t@g", Invalid)]
    [InlineData("busybox:tæg", Invalid)]
    [InlineData("-docker", Invalid)]
    [InlineData("-docker/docker", Invalid)]
    [InlineData("docker-/docker", Invalid)]
    [InlineData("-docker.io/docker/docker", Invalid)]
    [InlineData("docker///docker", Invalid)]
    [InlineData("docker/", Invalid)]
    [InlineData("____/____", Invalid)]
    [InlineData("_docker/_docker", Invalid)]
    [InlineData("dock..er/docker", Invalid)]
    [InlineData("dock_.er/docker", Invalid)]
    [InlineData("dock-.er/docker", Invalid)]
    [InlineData("https://github.com/docker/docker", Invalid)]
    [InlineData("[fc00::1]:5000", Invalid)]
    [InlineData("fc00::1:5000/debian", Invalid)]
    [InlineData("[fe80::1%eth0]:5000/debian", Invalid)]
    [InlineData("[2001:db8:3:4::192.0.2.33]:5000/debian", Invalid)]
    [InlineData("a_b.c/foo", Invalid)]
    [InlineData("busybox name", Invalid)]
    [InlineData("busybox@", Invalid)]
    [InlineData("busybox@sha256:abc", Invalid)]
    [InlineData("busybox@sha256", Invalid)]
    [InlineData("busybox@" + Hex, Invalid)]
    [InlineData("busybox@sha256:" + Hex + "00", "invalid checksum digest length")]
    [InlineData("busybox@sha256:0123456789abcdef0123456789abcdef", "invalid checksum digest length")]
    [InlineData("busybox@sha256:7CC4B5AEFD1D0CADF8D97D4350462BA51C694EBCA145B08D7D41B41ACC8DB5AA", "invalid checksum digest format")]
    [InlineData("busybox@md5:0123456789abcdef0123456789abcdef", "unsupported digest algorithm")]
    [InlineData("busybox@sha384:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "unsupported digest algorithm")]
    public void Parse_InvalidReference_ThrowsDockersMessage(string input, string message)
    {
        var e = Assert.Throws<InvalidReferenceException>(() => ImageReference.Parse(input));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Parse_PathLongerThan255_ThrowsTooLong()
    {
        var e = Assert.Throws<InvalidReferenceException>(() => ImageReference.Parse("a/" + new string('b', 254)));

        Assert.Equal("repository name must not be more than 255 characters", e.Message);
    }

    [Fact]
    public void Parse_NamespaceMakesPathTooLong_ThrowsTooLong()
    {
        var e = Assert.Throws<InvalidReferenceException>(() => ImageReference.Parse(new string('n', 250) + "/docker"));

        Assert.Equal("repository name must not be more than 255 characters", e.Message);
    }

    [Fact]
    public void Parse_TagOf129Characters_Throws()
    {
        var e = Assert.Throws<InvalidReferenceException>(() => ImageReference.Parse("busybox:" + new string('t', 129)));

        Assert.Equal(Invalid, e.Message);
    }

    [Fact]
    public void Parse_InvalidReference_IsAFormatException()
    {
        Assert.IsAssignableFrom<FormatException>(Assert.Throws<InvalidReferenceException>(() => ImageReference.Parse("BAD")));
    }
}
