using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Cais.Api.Hosting;
using Cais.Api.Routing;
using Cais.Engine;
using Cais.TestSupport;
using CaisEngine = Cais.Engine.Engine;

namespace Cais.Api.Tests.Support;

/// <summary>
/// An API server running in the test process on a temp unix socket, over an engine with a temp
/// data root, and an HttpClient that talks to it through that socket.
/// </summary>
public sealed class ApiServerHarness : IAsyncDisposable
{
    readonly TempDir dir;

    ApiServerHarness(TempDir dir, CaisEngine engine, ApiServer server, StringWriter log)
    {
        this.dir = dir;
        Engine = engine;
        Server = server;
        Log = log;
        Client = UnixHttp.Client(SocketPath);
    }

    public CaisEngine Engine { get; }

    public ApiServer Server { get; }

    public HttpClient Client { get; }

    /// <summary>What the server logged.</summary>
    public StringWriter Log { get; }

    public string SocketPath => Path.Combine(dir.Path, "cais.sock");

    public string DataRoot => Path.Combine(dir.Path, "root");

    public static async Task<ApiServerHarness> StartAsync(Action<RouteTable>? extraRoutes = null, Func<ContainerCounts>? counts = null)
    {
        var dir = new TempDir("cais-api-");
        var engine = new CaisEngine(new EngineOptions { DataRoot = Path.Combine(dir.Path, "root"), ExecRoot = Path.Combine(dir.Path, "exec") });
        var log = new StringWriter();
        var options = new ApiServerOptions
        {
            Hosts = [ListenAddress.Unix(Path.Combine(dir.Path, "cais.sock"))],
            LogWriter = TextWriter.Synchronized(log),
            Debug = true,
            ShutdownTimeout = TimeSpan.FromSeconds(2),
            ExtraRoutes = extraRoutes,
            ContainerCounts = counts ?? (() => ContainerCounts.None),
        };
        var server = await ApiServer.StartAsync(options, engine);
        return new ApiServerHarness(dir, engine, server, log);
    }

    /// <summary>A raw connection to the socket, for requests HttpClient cannot make (hijacks, half-close).</summary>
    public RawHttpConnection Connect() => RawHttpConnection.Open(SocketPath);

    public async Task<string> GetStringAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return body;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        Engine.Dispose();
        dir.Dispose();
    }
}

/// <summary>HttpClient over a unix socket (SocketsHttpHandler's ConnectCallback), as Docker's SDKs do it.</summary>
public static class UnixHttp
{
    public static HttpClient Client(string socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancel) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancel);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri("http://docker/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
