using System.Buffers.Binary;
using System.Text;
using Cais.Api.Tests.Support;

namespace Cais.Api.Tests.Hijack;

/// <summary>
/// Attach/exec-style sessions over a raw socket, as the docker CLI runs them: a request asking
/// for the upgrade (with a JSON body, as exec start sends one), 101 UPGRADED, input until the
/// client half-closes, output after that.
/// </summary>
public class HijackTests : IAsyncLifetime
{
    ApiServerHarness api = null!;

    public async Task InitializeAsync() => api = await ApiServerHarness.StartAsync(TestRoutes.Add);

    public async Task DisposeAsync() => await api.DisposeAsync();

    static string UpgradeRequest(string path, string body) =>
        $"POST {path} HTTP/1.1\r\nHost: api.moby.localhost\r\nUser-Agent: Docker-Client/28.2.2 (linux)\r\n" +
        $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: Upgrade\r\nContent-Type: application/json\r\nUpgrade: tcp\r\n\r\n{body}";

    [Fact]
    public async Task Upgrade_ClientHalfCloses_InputEndsAndOutputStillArrives()
    {
        using var connection = api.Connect();
        connection.Send(UpgradeRequest("/v1.47/test/echo/tty", """{"message":"exec-config"}"""));
        var (status, statusLine, headers) = connection.ReadHead();
        Assert.Equal(101, status);
        // Docker says "101 UPGRADED"; Kestrel always says "Switching Protocols", and clients read the code.
        Assert.StartsWith("HTTP/1.1 101 ", statusLine);
        Assert.Equal("application/vnd.docker.raw-stream", headers["Content-Type"]);
        Assert.Equal("Upgrade", headers["Connection"]);
        Assert.Equal("tcp", headers["Upgrade"]);
        connection.Send("x\n");
        connection.Send("more input");
        // `echo x | docker exec -i c cat`: stdin ends, the CLI shuts down its write side and waits.
        connection.CloseWrite();
        var reply = Encoding.UTF8.GetString(connection.ReadToEnd());
        Assert.Equal("body=exec-config input=x\nmore input upgraded=True", reply);
        await Task.CompletedTask;
    }

    [Fact]
    public void Upgrade_NoTty_MultiplexedFrames()
    {
        using var connection = api.Connect();
        connection.Send(UpgradeRequest("/test/echo/notty", """{"message":"m"}"""));
        var (status, _, headers) = connection.ReadHead();
        Assert.Equal(101, status);
        Assert.Equal("application/vnd.docker.multiplexed-stream", headers["Content-Type"]);
        connection.Send("in");
        connection.CloseWrite();
        var bytes = connection.ReadToEnd();
        var frames = new List<(byte Stream, string Text)>();
        for (int offset = 0; offset < bytes.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset + 4));
            frames.Add((bytes[offset], Encoding.UTF8.GetString(bytes, offset + 8, length)));
            offset += 8 + length;
        }
        Assert.Equal([(1, "body=m input=in upgraded=True"), (2, "done\n")], frames.Select(f => ((int)f.Stream, f.Text)));
    }

    [Fact]
    public void Upgrade_WithoutBody_Works()
    {
        using var connection = api.Connect();
        connection.Send("POST /test/echo/tty HTTP/1.1\r\nHost: d\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n");
        Assert.Equal(101, connection.ReadHead().Status);
        connection.Send("abc");
        connection.CloseWrite();
        Assert.Equal("body=- input=abc upgraded=True", Encoding.UTF8.GetString(connection.ReadToEnd()));
    }

    [Fact]
    public void NoUpgradeHeaders_200WithTheStreamContentType()
    {
        using var connection = api.Connect();
        var body = """{"message":"plain"}""";
        connection.Send($"POST /test/echo/tty HTTP/1.1\r\nHost: d\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body}");
        var (status, _, headers) = connection.ReadHead();
        Assert.Equal(200, status);
        Assert.Equal("application/vnd.docker.raw-stream", headers["Content-Type"]);
        Assert.Equal("body=plain input= upgraded=False", connection.ReadBody(headers));
    }

    [Fact]
    public void UpgradeRefused_ErrorAnswered_ConnectionServesTheNextRequest()
    {
        using var connection = api.Connect();
        connection.Send(UpgradeRequest("/test/missing-exec", """{"Detach":false}"""));
        var (status, _, headers) = connection.ReadHead();
        Assert.Equal(404, status);
        Assert.Contains("No such exec instance: nope", connection.ReadBody(headers));
        // The body was taken off the connection, so the next request parses cleanly, and the
        // next upgrade request on the same connection gets its body too.
        connection.Send(UpgradeRequest("/test/echo/tty", """{"message":"second"}"""));
        Assert.Equal(101, connection.ReadHead().Status);
        connection.CloseWrite();
        Assert.Equal("body=second input= upgraded=True", Encoding.UTF8.GetString(connection.ReadToEnd()));
    }

    [Theory]
    [InlineData("Connection: Upgrade\r\nUpgrade: websocket\r\n")]
    [InlineData("Connection: keep-alive, upgrade\r\n")]
    public void UpgradeOfAnotherKind_AnsweredAsPlainRequest_ConnectionKeepsServing(string headers)
    {
        using var connection = api.Connect();
        connection.Send($"GET /_ping HTTP/1.1\r\nHost: d\r\n{headers}\r\n");
        var first = connection.ReadHead();
        Assert.Equal(200, first.Status);
        Assert.Equal("OK", connection.ReadBody(first.Headers));
        connection.Send("GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n");
        var second = connection.ReadHead();
        Assert.Equal(200, second.Status);
    }

    [Fact]
    public void KeepAlive_PlainRequestsAroundABody_AllAnswered()
    {
        using var connection = api.Connect();
        var body = """{"message":"a"}""";
        connection.Send("GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n" +
                        $"POST /test/json HTTP/1.1\r\nHost: d\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{body.Length:x}\r\n{body}\r\n0\r\n\r\n" +
                        "GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n");
        var first = connection.ReadHead();
        Assert.Equal("OK", connection.ReadBody(first.Headers));
        var second = connection.ReadHead();
        Assert.Contains("got a", connection.ReadBody(second.Headers));
        var third = connection.ReadHead();
        Assert.Equal("OK", connection.ReadBody(third.Headers));
    }

    [Fact]
    public void NormalRequest_ClientHangsUp_ServerKeepsServing()
    {
        using (var connection = api.Connect())
        {
            connection.Send("GET /_ping HTTP/1.1\r\nHost: d\r\n");
            connection.CloseWrite();
        }
        using var next = api.Connect();
        next.Send("GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n");
        var head = next.ReadHead();
        Assert.Equal(200, head.Status);
    }
}
