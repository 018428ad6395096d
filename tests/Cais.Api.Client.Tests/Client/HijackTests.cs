using System.Text;
using System.Text.Json.Nodes;
using Cais.Api.Client.Queries;
using Cais.Api.Client.Tests.Support;
using Cais.Api.Models.Exec;
using Cais.Api.Models.Streams;

namespace Cais.Api.Client.Tests.Client;

public sealed class HijackTests
{
    internal static byte[] Frame(StdStreamKind kind, string text)
    {
        using var buffer = new MemoryStream();
        new MultiplexedStreamWriter(buffer).WriteFrame(kind, Encoding.UTF8.GetBytes(text));
        return buffer.ToArray();
    }

    internal static byte[] UpgradedHead(string contentType) => Encoding.ASCII.GetBytes(
        $"HTTP/1.1 101 UPGRADED\r\nContent-Type: {contentType}\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n");

    /// <summary>
    /// The daemon's side of an attach: greet in the same packet as the head, read stdin until the
    /// client half-closes, answer with what it read upper-cased and a goodbye on stderr, close.
    /// </summary>
    internal static Task EchoSessionAsync(RawHttpExchange exchange) =>
        exchange.HijackAsync([.. UpgradedHead(HijackContentTypes.Multiplexed), .. Frame(StdStreamKind.Stdout, "hello ")], async connection =>
        {
            var input = Encoding.UTF8.GetString(await connection.ReadToEndAsync());
            await connection.Stream.WriteAsync(Frame(StdStreamKind.Stdout, input.ToUpperInvariant()));
            await connection.Stream.WriteAsync(Frame(StdStreamKind.Stderr, "bye"));
            await connection.Stream.FlushAsync();
        });

    internal static async Task<(string Stdout, string Stderr)> TalkAsync(Cais.Api.Client.Hijack.HijackedConnection session, string input)
    {
        await session.Stream.WriteAsync(Encoding.UTF8.GetBytes(input));
        await session.Stream.FlushAsync();
        await session.CloseWriteAsync();
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        await new MultiplexedStreamReader(session.Stream).CopyToAsync(stdout, stderr).WaitAsync(TimeSpan.FromSeconds(20));
        return (Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }

    [Fact]
    public async Task Attach_DataBothWaysAndHalfClose_NothingLost()
    {
        await using var daemon = TestDaemon.Start(EchoSessionAsync);
        using var client = daemon.CreateClient();

        await using var session = await client.AttachContainerAsync("c1", new ContainerAttachOptions { Stdin = true, DetachKeys = "ctrl-e,e" });
        var (stdout, stderr) = await TalkAsync(session, "ping");

        Assert.Equal(101, session.StatusCode);
        Assert.True(session.IsMultiplexed);
        Assert.Equal("hello PING", stdout);
        Assert.Equal("bye", stderr);
        var sent = daemon.ApiRequests.Single();
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/v1.47/containers/c1/attach?stream=1&stdin=1&stdout=1&stderr=1&detachKeys=ctrl-e%2Ce", sent.Target);
        Assert.Equal("Upgrade", sent.Headers["Connection"]);
        Assert.Equal("tcp", sent.Headers["Upgrade"]);
        Assert.Equal("0", sent.Headers["Content-Length"]);
    }

    [Fact]
    public async Task Attach_PlainOkWithoutUpgrade_StreamsRaw()
    {
        await using var daemon = TestDaemon.Start(exchange => exchange.HijackAsync(
            Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: {HijackContentTypes.Raw}\r\n\r\nraw tty output"),
            _ => Task.CompletedTask));
        using var client = daemon.CreateClient();

        await using var session = await client.AttachContainerAsync("c1");
        using var reader = new StreamReader(session.Stream);

        Assert.Equal(200, session.StatusCode);
        Assert.False(session.IsMultiplexed);
        Assert.Equal("raw tty output", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task Attach_ManyRoundTrips_WhileOpen()
    {
        await using var daemon = TestDaemon.Start(exchange => exchange.HijackAsync(UpgradedHead(HijackContentTypes.Raw), async connection =>
        {
            // A TTY-style echo: every byte straight back.
            var buffer = new byte[256];
            int n;
            while ((n = await connection.Stream.ReadAsync(buffer)) > 0)
                await connection.Stream.WriteAsync(buffer.AsMemory(0, n));
        }));
        using var client = daemon.CreateClient();
        await using var session = await client.AttachContainerAsync("c1", new ContainerAttachOptions { Stdin = true });

        var buffer = new byte[64];
        for (var i = 0; i < 20; i++)
        {
            var line = Encoding.ASCII.GetBytes($"line {i}\n");
            await session.Stream.WriteAsync(line);
            var got = 0;
            while (got < line.Length)
                got += await session.Stream.ReadAsync(buffer.AsMemory(got, line.Length - got)).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(line, buffer[..line.Length]);
        }
        await session.CloseWriteAsync();
        Assert.Equal(0, await session.Stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task ExecStart_SendsJsonBodyAndHijacks()
    {
        await using var daemon = TestDaemon.Start(EchoSessionAsync);
        using var client = daemon.CreateClient();

        await using var session = await client.StartExecAsync("e1", new ExecStartRequest { Tty = false, ConsoleSize = [24, 80] });
        var (stdout, _) = await TalkAsync(session, "data");

        Assert.Equal("hello DATA", stdout);
        var sent = daemon.ApiRequests.Single();
        Assert.Equal("/v1.47/exec/e1/start", sent.Target);
        Assert.StartsWith("application/json", sent.Headers["Content-Type"], StringComparison.Ordinal);
        var body = JsonNode.Parse(sent.BodyText)!;
        Assert.False((bool?)body["Detach"]);
        Assert.Equal("[24,80]", body["ConsoleSize"]!.ToJsonString());
    }

    [Fact]
    public async Task Hijack_Refused_IsAnApiErrorWithTheMessage()
    {
        await using var daemon = TestDaemon.Start(e => e.RespondAsync(404, """{"message":"No such container: c9"}"""));
        using var client = daemon.CreateClient();

        var e = await Assert.ThrowsAsync<EngineApiException>(() => client.AttachContainerAsync("c9"));

        Assert.True(e.IsNotFound);
        Assert.Equal("No such container: c9", e.Message);
    }

    [Fact]
    public async Task Hijack_RefusedWithChunkedBody_IsDecoded()
    {
        static string Chunk(string data) => $"{data.Length:x}\r\n{data}\r\n";
        var response = "HTTP/1.1 409 Conflict\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            + Chunk("{\"message\":\"con") + Chunk("tainer c1 is paused\"}\n") + "0\r\n\r\n";
        await using var daemon = TestDaemon.Start(exchange => exchange.HijackAsync(Encoding.ASCII.GetBytes(response), _ => Task.CompletedTask));
        using var client = daemon.CreateClient();

        var e = await Assert.ThrowsAsync<EngineApiException>(() => client.StartExecAsync("e1", new ExecStartRequest()));

        Assert.True(e.IsConflict);
        Assert.Equal("container c1 is paused", e.Message);
    }

    [Fact]
    public async Task Hijack_DaemonHangsUpBeforeAnswering_IsAConnectionError()
    {
        await using var daemon = TestDaemon.Start(exchange => exchange.HijackAsync([], _ => Task.CompletedTask));
        using var client = daemon.CreateClient();

        var e = await Assert.ThrowsAsync<DaemonConnectionException>(() => client.AttachContainerAsync("c1"));

        Assert.Contains("closed the connection without answering", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hijack_MalformedStatusLine_IsAConnectionError()
    {
        await using var daemon = TestDaemon.Start(exchange => exchange.HijackAsync("SSH-2.0-OpenSSH\r\n\r\n"u8.ToArray(), _ => Task.CompletedTask));
        using var client = daemon.CreateClient();

        var e = await Assert.ThrowsAsync<DaemonConnectionException>(() => client.AttachContainerAsync("c1"));

        Assert.Contains("malformed HTTP status line", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attach_WithDetachKeysOnInput_StopsForwarding()
    {
        await using var daemon = TestDaemon.Start(EchoSessionAsync);
        using var client = daemon.CreateClient();
        await using var session = await client.AttachContainerAsync("c1", new ContainerAttachOptions { Stdin = true });
        var typed = new MemoryStream([(byte)'l', (byte)'s', 16, 17, (byte)'x']);
        await using var input = new DetachKeysStream(typed, DetachKeys.Default);

        await Assert.ThrowsAsync<DetachKeysPressedException>(() => input.CopyToAsync(session.Stream));
        var (stdout, _) = await TalkAsync(session, "");

        Assert.Equal("hello LS", stdout);
    }
}
