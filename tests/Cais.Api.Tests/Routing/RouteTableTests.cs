using Cais.Api.Routing;

namespace Cais.Api.Tests.Routing;

public class RouteTableTests
{
    static readonly ApiHandler Nothing = _ => Task.CompletedTask;

    static RouteTable Table() => new RouteTable()
        .Get("/images/json", Nothing)
        .Get("/images/{name:.*}/json", Nothing)
        .Post("/images/{name:.*}/tag", Nothing)
        .Delete("/images/{name:.*}", Nothing)
        .Get("/containers/{id}/json", Nothing);

    [Fact]
    public void Match_NameWithRegistryPortSlashesAndTag_CapturesTheWholeName()
    {
        var match = Table().Match("GET", "/images/registry:5000/acc-user/committed:v2/json");
        Assert.NotNull(match);
        Assert.Equal("/images/{name:.*}/json", match.Value.Route.Pattern);
        Assert.Equal("registry:5000/acc-user/committed:v2", match.Value.Values["name"]);
    }

    [Fact]
    public void Match_FixedPathRegisteredFirst_WinsOverThePattern()
    {
        var match = Table().Match("GET", "/images/json");
        Assert.Equal("/images/json", match!.Value.Route.Pattern);
    }

    [Fact]
    public void Match_DeleteWithSlashes_NameIsTheRest()
    {
        var match = Table().Match("DELETE", "/images/acc-user/committed:v2");
        Assert.Equal("acc-user/committed:v2", match!.Value.Values["name"]);
    }

    [Fact]
    public void Match_SingleSegmentVariable_DoesNotCrossASlash()
    {
        Assert.Equal("abc", Table().Match("GET", "/containers/abc/json")!.Value.Values["id"]);
        Assert.Null(Table().Match("GET", "/containers/a/b/json"));
    }

    [Fact]
    public void Match_KnownPathOtherMethod_IsNoMatch()
    {
        Assert.Null(Table().Match("PUT", "/images/json"));
        Assert.Null(Table().Match("GET", "/images/x/tag"));
    }

    [Fact]
    public void Match_MethodIsCaseInsensitive()
    {
        Assert.NotNull(Table().Match("get", "/images/json"));
    }

    [Theory]
    [InlineData("1.9", "1.10", -1)]
    [InlineData("1.47", "1.47", 0)]
    [InlineData("1.47", "1.47.0", 0)]
    [InlineData("1.24", "1.23", 1)]
    [InlineData("2.0", "1.99", 1)]
    public void ApiVersion_CompareTo_ComparesPartsAsNumbers(string a, string b, int expected)
    {
        Assert.Equal(expected, Math.Sign(new ApiVersion(a).CompareTo(new ApiVersion(b))));
    }
}
