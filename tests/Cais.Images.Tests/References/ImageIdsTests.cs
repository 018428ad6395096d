using Cais.Images.References;

namespace Cais.Images.Tests.References;

public class ImageIdsTests
{
    const string Hex = "dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c";

    [Theory]
    [InlineData(Hex, true)]
    [InlineData("sha256:" + Hex, true)]
    [InlineData("dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9", false)]
    [InlineData("DBCC1C35AC38DF41FD2F5E4130B32FFDB93EBAE8B3DBE638C23575912276FC9C", false)]
    [InlineData("sha512:" + Hex, false)]
    [InlineData("busybox", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsFullId_Text_RecognisesFullIds(string? text, bool expected)
    {
        Assert.Equal(expected, ImageIds.IsFullId(text));
    }

    [Fact]
    public void TryParseFull_BareHex_GivesSha256Digest()
    {
        Assert.True(ImageIds.TryParseFull(Hex, out var id));

        Assert.Equal("sha256:" + Hex, id.ToString());
    }

    [Theory]
    [InlineData("dbcc", "dbcc")]
    [InlineData("dbcc1c35ac38", "dbcc1c35ac38")]
    [InlineData("sha256:dbcc1c", "dbcc1c")]
    [InlineData(Hex, Hex)]
    [InlineData("sha256:" + Hex, Hex)]
    public void TryParsePrefix_IdOrPrefix_GivesHexPrefix(string text, string prefix)
    {
        Assert.True(ImageIds.TryParsePrefix(text, out var hex));
        Assert.Equal(prefix, hex);
    }

    [Theory]
    [InlineData("dbc")]
    [InlineData("sha256:")]
    [InlineData("sha256:dbc")]
    [InlineData("DBCC1C")]
    [InlineData("busybox")]
    [InlineData("dbcc1c:latest")]
    [InlineData(Hex + "0")]
    [InlineData("")]
    public void IsIdOrPrefix_NotAnId_IsFalse(string text)
    {
        Assert.False(ImageIds.IsIdOrPrefix(text));
    }
}
