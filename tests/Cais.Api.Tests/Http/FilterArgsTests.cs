using Cais.Api.Http;
using Cais.Engine.Errors;

namespace Cais.Api.Tests.Http;

public class FilterArgsTests
{
    [Fact]
    public void Parse_MapForm_ReadsTheTrueValues()
    {
        var args = FilterArgs.Parse("""{"reference":{"busy*":true,"other":false},"dangling":{"true":true}}""");
        Assert.Equal(["busy*"], args.Get("reference"));
        Assert.True(args.GetBool("dangling"));
    }

    [Fact]
    public void Parse_LegacyListForm_ReadsTheValues()
    {
        var args = FilterArgs.Parse("""{"dangling":["true"],"reference":["busy*","alp?ne"]}""");
        Assert.Equal(["busy*", "alp?ne"], args.Get("reference"));
        Assert.True(args.GetBool("dangling"));
    }

    [Fact]
    public void Parse_Empty_HasNoKeys()
    {
        Assert.Empty(FilterArgs.Parse(null).Keys);
        Assert.Empty(FilterArgs.Parse("").Keys);
    }

    [Theory]
    [InlineData("{bad")]
    [InlineData("[1,2]")]
    [InlineData("""{"dangling":true}""")]
    [InlineData("""{"dangling":[1]}""")]
    public void Parse_Malformed_InvalidParameter(string json)
    {
        var e = Assert.Throws<InvalidParameterException>(() => FilterArgs.Parse(json));
        Assert.StartsWith("invalid filter", e.Message);
    }

    [Fact]
    public void Validate_UnknownKey_NamesIt()
    {
        var e = Assert.Throws<InvalidParameterException>(() => FilterArgs.Parse("""{"colour":["red"]}""").Validate("dangling"));
        Assert.Equal("invalid filter 'colour'", e.Message);
    }

    [Theory]
    [InlineData("""{"dangling":["maybe"]}""", "invalid filter 'dangling=maybe'")]
    [InlineData("""{"dangling":["true","false"]}""", "invalid filter 'dangling=true,false'")]
    public void GetBool_NotOneTruthValue_DockersMessage(string json, string message)
    {
        var e = Assert.Throws<InvalidParameterException>(() => FilterArgs.Parse(json).GetBool("dangling"));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void GetBool_ZeroAndOne_AreBooleans()
    {
        Assert.False(FilterArgs.Parse("""{"dangling":["0"]}""").GetBool("dangling"));
        Assert.True(FilterArgs.Parse("""{"dangling":["1"]}""").GetBool("dangling"));
        Assert.Null(FilterArgs.Parse("{}").GetBool("dangling"));
    }
}
