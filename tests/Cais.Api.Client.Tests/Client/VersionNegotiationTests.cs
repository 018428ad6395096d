using Cais.Api.Client.Tests.Support;

namespace Cais.Api.Client.Tests.Client;

public sealed class VersionNegotiationTests
{
    static Task AnswerInspect(RawHttpExchange exchange) => exchange.RespondAsync(200, """{"Id": "abc", "Name": "/web"}""");

    [Theory]
    [InlineData("1.45", "/v1.45/containers/abc/json")]
    [InlineData("1.47", "/v1.47/containers/abc/json")]
    [InlineData("1.50", "/v1.47/containers/abc/json")]
    [InlineData("2.0", "/v1.47/containers/abc/json")]
    [InlineData(null, "/v1.24/containers/abc/json")]
    public async Task FirstCall_PingsAndUsesTheLowerVersion(string? daemonVersion, string expectedPath)
    {
        await using var daemon = TestDaemon.Start(AnswerInspect, daemonVersion);
        using var client = daemon.CreateClient();

        var inspect = await client.InspectContainerAsync("abc");

        Assert.Equal("/web", inspect.Name);
        Assert.Equal(expectedPath, daemon.ApiRequests.Single().Path);
        Assert.Equal(expectedPath[2..6], client.NegotiatedVersion.ToString());
    }

    [Fact]
    public async Task LaterCalls_DoNotPingAgain()
    {
        await using var daemon = TestDaemon.Start(AnswerInspect, "1.46");
        using var client = daemon.CreateClient();

        for (var i = 0; i < 3; i++)
            await client.InspectContainerAsync("abc");

        Assert.Equal(1, daemon.PingCount);
        Assert.All(daemon.ApiRequests, r => Assert.StartsWith("/v1.46/", r.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConcurrentFirstCalls_PingOnce()
    {
        await using var daemon = TestDaemon.Start(AnswerInspect);
        using var client = daemon.CreateClient();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.InspectContainerAsync("abc")));

        Assert.Equal(1, daemon.PingCount);
        Assert.Equal(8, daemon.ApiRequests.Count);
    }

    [Fact]
    public async Task FixedVersion_SkipsThePing()
    {
        await using var daemon = TestDaemon.Start(AnswerInspect);
        using var client = daemon.CreateClient(new EngineClientOptions { ApiVersion = new ApiVersion(1, 41) });

        await client.InspectContainerAsync("abc");

        Assert.Equal(0, daemon.PingCount);
        Assert.Equal("/v1.41/containers/abc/json", daemon.ApiRequests.Single().Path);
    }

    [Fact]
    public async Task Ping_ReportsTheDaemonsHeaders()
    {
        await using var daemon = TestDaemon.Start(AnswerInspect, "1.44");
        using var client = daemon.CreateClient();

        var ping = await client.PingAsync();

        Assert.Equal(new PingResult(new ApiVersion(1, 44), "linux", false, "2", "inactive"), ping);
        Assert.Equal("/_ping", daemon.Server.Requests.Single().Target);
    }

    [Fact]
    public async Task Ping_ErrorStatusWithVersion_StillNegotiates()
    {
        var directory = new Cais.TestSupport.TempDir("cais-client-");
        await using var server = RawHttpServer.StartUnix(directory.Combine("d.sock"), exchange => exchange.Request.Path == "/_ping"
            ? exchange.RespondAsync(500, """{"message":"starting up"}""", "application/json", ("Api-Version", "1.43"))
            : AnswerInspect(exchange));
        using var client = new EngineClient(Cais.Api.Client.Connection.DaemonEndpoint.Unix(directory.Combine("d.sock")));

        await client.InspectContainerAsync("abc");

        Assert.Equal("/v1.43/containers/abc/json", server.Requests.Last().Path);
        directory.Dispose();
    }

    [Fact]
    public async Task Ping_ErrorStatusWithoutVersion_IsAnApiError()
    {
        var directory = new Cais.TestSupport.TempDir("cais-client-");
        await using var server = RawHttpServer.StartUnix(directory.Combine("d.sock"),
            exchange => exchange.RespondAsync(500, """{"message":"daemon is shutting down"}"""));
        using var client = new EngineClient(Cais.Api.Client.Connection.DaemonEndpoint.Unix(directory.Combine("d.sock")));

        var e = await Assert.ThrowsAsync<EngineApiException>(() => client.InspectContainerAsync("abc"));

        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, e.StatusCode);
        Assert.Equal("daemon is shutting down", e.Message);
        Assert.Null(client.NegotiatedVersion);
        directory.Dispose();
    }

    [Theory]
    [InlineData("1.47", 1, 47)]
    [InlineData(" 1.9 ", 1, 9)]
    [InlineData("1.100", 1, 100)]
    public void ApiVersion_Parse_ReadsMajorMinor(string text, int major, int minor)
    {
        Assert.Equal(new ApiVersion(major, minor), ApiVersion.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1.2.3")]
    [InlineData("v1.47")]
    [InlineData("1.-4")]
    public void ApiVersion_ParseMalformed_Throws(string text)
    {
        Assert.Throws<FormatException>(() => ApiVersion.Parse(text));
    }

    [Fact]
    public void ApiVersion_Order_IsNumeric()
    {
        Assert.True(new ApiVersion(1, 9) < new ApiVersion(1, 10));
        Assert.Equal(new ApiVersion(1, 9), ApiVersion.Min(new ApiVersion(1, 10), new ApiVersion(1, 9)));
    }
}
