using System.Net;
using System.Net.Sockets;
using Cais.Api.Client.Connection;
using Cais.Api.Client.Tests.Support;
using Cais.TestSupport;

namespace Cais.Api.Client.Tests.Client;

public sealed class ErrorMappingTests
{
    [Fact]
    public async Task JsonErrorBody_BecomesTheMessage()
    {
        await using var daemon = TestDaemon.Start(e => e.RespondAsync(404, """{"message":"No such container: abc"}"""));
        using var client = daemon.CreateClient();

        var e = await Assert.ThrowsAsync<EngineApiException>(() => client.InspectContainerAsync("abc"));

        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
        Assert.True(e.IsNotFound);
        Assert.Equal("No such container: abc", e.Message);
    }

    [Fact]
    public async Task TextErrorBody_IsUsedTrimmed()
    {
        await using var daemon = TestDaemon.Start(e => e.RespondAsync(500, "something broke\n", "text/plain"));
        using var client = daemon.CreateClient();

        var e = await Assert.ThrowsAsync<EngineApiException>(() => client.StartContainerAsync("abc"));

        Assert.Equal("something broke", e.Message);
    }

    [Fact]
    public async Task JsonWithoutMessage_UsesTheBodyText()
    {
        await using var daemon = TestDaemon.Start(e => e.RespondAsync(400, """{"error":"bad"}"""));
        using var client = daemon.CreateClient();

        var e = await Assert.ThrowsAsync<EngineApiException>(() => client.StartContainerAsync("abc"));

        Assert.Equal("""{"error":"bad"}""", e.Message);
    }

    [Fact]
    public async Task EmptyErrorBody_NamesTheRoute()
    {
        await using var daemon = TestDaemon.Start(e => e.RespondAsync(404, ""));
        using var client = daemon.CreateClient();

        var e = await Assert.ThrowsAsync<EngineApiException>(() => client.InspectContainerAsync("abc"));

        Assert.Equal("request returned Not Found for API route and version /v1.47/containers/abc/json, check if the server supports the requested API version", e.Message);
    }

    [Fact]
    public async Task Conflict_IsFlagged()
    {
        await using var daemon = TestDaemon.Start(e => e.RespondAsync(409, """{"message":"You cannot remove a running container abc."}"""));
        using var client = daemon.CreateClient();

        var e = await Assert.ThrowsAsync<EngineApiException>(() => client.RemoveContainerAsync("abc"));

        Assert.True(e.IsConflict);
    }

    [Fact]
    public async Task NotModified_IsNotAnError()
    {
        await using var daemon = TestDaemon.Start(e => e.RespondAsync(304, ""));
        using var client = daemon.CreateClient();

        await client.StartContainerAsync("abc");
        await client.StopContainerAsync("abc");
    }

    [Fact]
    public async Task MalformedJsonAnswer_IsAConnectionError()
    {
        await using var daemon = TestDaemon.Start(e => e.RespondAsync(200, "{not json"));
        using var client = daemon.CreateClient();

        var e = await Assert.ThrowsAsync<DaemonConnectionException>(() => client.InspectContainerAsync("abc"));

        Assert.Contains("not a valid ContainerInspectResponse", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingSocket_ReadsLikeDocker()
    {
        using var directory = new TempDir("cais-client-");
        var path = directory.Combine("nobody-here.sock");
        using var client = new EngineClient(DaemonEndpoint.Unix(path));

        var e = await Assert.ThrowsAsync<DaemonUnreachableException>(() => client.ListContainersAsync());

        Assert.Equal($"Cannot connect to the cais daemon at unix://{path}. Is the cais daemon running?", e.Message);
        Assert.Equal($"unix://{path}", e.EndpointUri);
    }

    [Fact]
    public async Task SocketWithoutListener_ReadsLikeDocker()
    {
        using var directory = new TempDir("cais-client-");
        var path = directory.Combine("stale.sock");
        // A bound socket that never listens: connecting to it is refused, as with a crashed daemon's leftover socket.
        using (var stale = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            stale.Bind(new UnixDomainSocketEndPoint(path));
        using var client = new EngineClient(DaemonEndpoint.Unix(path));

        var e = await Assert.ThrowsAsync<DaemonUnreachableException>(() => client.PingAsync());

        Assert.Equal($"Cannot connect to the cais daemon at unix://{path}. Is the cais daemon running?", e.Message);
    }

    [Fact]
    public async Task ClosedTcpPort_ReadsLikeDocker()
    {
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }
        using var client = new EngineClient(DaemonEndpoint.Tcp("127.0.0.1", port));

        var e = await Assert.ThrowsAsync<DaemonUnreachableException>(() => client.PingAsync());

        Assert.Equal($"Cannot connect to the cais daemon at tcp://127.0.0.1:{port}. Is the cais daemon running?", e.Message);
    }

    [Fact]
    public async Task MissingSocket_HijackToo_ReadsLikeDocker()
    {
        using var directory = new TempDir("cais-client-");
        var path = directory.Combine("none.sock");
        using var client = new EngineClient(DaemonEndpoint.Unix(path), new EngineClientOptions { ApiVersion = ApiVersion.ClientMax });

        var e = await Assert.ThrowsAsync<DaemonUnreachableException>(() => client.AttachContainerAsync("abc"));

        Assert.StartsWith("Cannot connect to the cais daemon at unix://", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DaemonClosingMidAnswer_IsAConnectionError()
    {
        await using var daemon = TestDaemon.Start(async exchange =>
        {
            await exchange.StreamAsync(200, "application/json", body => body.WriteAsync("""{"Id": "ab"""u8.ToArray()).AsTask());
        });
        using var client = daemon.CreateClient();

        await Assert.ThrowsAsync<DaemonConnectionException>(() => client.InspectContainerAsync("abc"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task EmptyId_IsRejectedBeforeSending(string id)
    {
        await using var daemon = TestDaemon.Start(e => e.RespondAsync(200, "{}"));
        using var client = daemon.CreateClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.InspectContainerAsync(id));
        Assert.Empty(daemon.ApiRequests);
    }
}
