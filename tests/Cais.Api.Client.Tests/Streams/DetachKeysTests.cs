using Cais.Api.Models.Streams;

namespace Cais.Api.Client.Tests.Streams;

/// <summary>Parsing follows Docker's <c>term.ToBytes</c>, including its test cases.</summary>
public sealed class DetachKeysTests
{
    [Theory]
    [InlineData("ctrl-p,ctrl-q", new byte[] { 16, 17 })]
    [InlineData("ctrl-a,a", new byte[] { 1, 97 })]
    [InlineData("ctrl-@,ctrl-[,~,ctrl-o", new byte[] { 0, 27, 126, 15 })]
    [InlineData("DEL,+", new byte[] { 127, 43 })]
    [InlineData("ctrl-\\,ctrl-],ctrl-^,ctrl-_,ctrl-z", new byte[] { 28, 29, 30, 31, 26 })]
    [InlineData("a,b,c,d", new byte[] { 97, 98, 99, 100 })]
    public void Parse_DockerFormat_GivesTheKeyCodes(string keys, byte[] expected)
    {
        Assert.Equal(expected, DetachKeys.Parse(keys));
    }

    [Fact]
    public void Default_IsCtrlPCtrlQ()
    {
        Assert.Equal(DetachKeys.Parse(DetachKeys.DefaultText), DetachKeys.Default.ToArray());
    }

    [Theory]
    [InlineData("shift-z", "shift-z")]
    [InlineData("", "")]
    [InlineData(",", "")]
    [InlineData("ctrl-p,,ctrl-q", "")]
    [InlineData("ctrl-A", "ctrl-A")]
    [InlineData("ctrl-1", "ctrl-1")]
    [InlineData("del", "del")]
    [InlineData("é", "é")]
    [InlineData("ctrl-p, ctrl-q", " ctrl-q")]
    public void Parse_UnknownKey_ThrowsNamingIt(string keys, string badKey)
    {
        var e = Assert.Throws<FormatException>(() => DetachKeys.Parse(keys));

        Assert.Contains($"unknown character: '{badKey}'", e.Message, StringComparison.Ordinal);
        Assert.False(DetachKeys.TryParse(keys, out _));
    }
}
