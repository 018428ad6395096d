using Cais.Api.Client.Connection;
using Cais.TestSupport;

namespace Cais.Api.Client.Tests.Support;

/// <summary>
/// A fake daemon on a temporary unix socket: answers <c>/_ping</c> with the given API version
/// (none when null) and hands every other request to the test's handler.
/// </summary>
sealed class TestDaemon : IAsyncDisposable
{
    readonly TempDir directory;

    TestDaemon(TempDir directory, RawHttpServer server)
    {
        this.directory = directory;
        Server = server;
    }

    public RawHttpServer Server { get; }

    public string SocketPath => directory.Combine("daemon.sock");

    public DaemonEndpoint Endpoint => DaemonEndpoint.Unix(SocketPath);

    public int PingCount => Server.Requests.Count(r => r.Path == "/_ping");

    /// <summary>Requests other than pings, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> ApiRequests => Server.Requests.Where(r => r.Path != "/_ping").ToList();

    public static TestDaemon Start(Func<RawHttpExchange, Task> handler, string? apiVersion = "1.47")
    {
        var directory = new TempDir("cais-client-");
        var server = RawHttpServer.StartUnix(directory.Combine("daemon.sock"), exchange =>
            exchange.Request.Path == "/_ping" ? AnswerPingAsync(exchange, apiVersion) : handler(exchange));
        return new TestDaemon(directory, server);
    }

    static Task AnswerPingAsync(RawHttpExchange exchange, string? apiVersion)
    {
        var headers = new List<(string, string)> { ("OSType", "linux"), ("Docker-Experimental", "false"), ("Builder-Version", "2"), ("Swarm", "inactive") };
        if (apiVersion is not null)
            headers.Add(("Api-Version", apiVersion));
        return exchange.RespondAsync(200, "OK", "text/plain; charset=utf-8", [.. headers]);
    }

    public EngineClient CreateClient(EngineClientOptions? options = null) => new(Endpoint, options);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Server.DisposeAsync();
        }
        finally
        {
            directory.Dispose();
        }
    }
}
