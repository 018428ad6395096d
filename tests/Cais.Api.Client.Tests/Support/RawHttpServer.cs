using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Cais.Api.Client.Tests.Support;

/// <summary>
/// A small HTTP/1.1 server on a unix socket or loopback TCP (optionally TLS), written on raw
/// sockets so tests control every byte: keep-alive, streamed bodies, and hijacked connections.
/// Each request is recorded and handed to the test's handler.
/// </summary>
sealed class RawHttpServer : IAsyncDisposable
{
    readonly Socket listener;
    readonly Func<RawHttpExchange, Task> handler;
    readonly X509Certificate2? serverCertificate;
    readonly Func<X509Certificate?, bool>? clientCertificateCheck;
    readonly CancellationTokenSource stopping = new();
    readonly ConcurrentBag<Task> connections = [];
    readonly Task acceptLoop;

    RawHttpServer(Socket listener, Func<RawHttpExchange, Task> handler, X509Certificate2? serverCertificate, Func<X509Certificate?, bool>? clientCertificateCheck)
    {
        this.listener = listener;
        this.handler = handler;
        this.serverCertificate = serverCertificate;
        this.clientCertificateCheck = clientCertificateCheck;
        acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Handler failures (the test's own asserts inside the server), rethrown on dispose.</summary>
    public ConcurrentQueue<Exception> Failures { get; } = new();

    public int Port => ((IPEndPoint)listener.LocalEndPoint!).Port;

    public static RawHttpServer StartUnix(string socketPath, Func<RawHttpExchange, Task> handler)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        socket.Listen(16);
        return new RawHttpServer(socket, handler, null, null);
    }

    public static RawHttpServer StartTcp(Func<RawHttpExchange, Task> handler, X509Certificate2? serverCertificate = null,
        Func<X509Certificate?, bool>? clientCertificateCheck = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen(16);
        return new RawHttpServer(socket, handler, serverCertificate, clientCertificateCheck);
    }

    async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping.Token);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
            connections.Add(Task.Run(() => ServeAsync(client)));
        }
    }

    async Task ServeAsync(Socket socket)
    {
        try
        {
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (serverCertificate is not null)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = serverCertificate,
                    ClientCertificateRequired = clientCertificateCheck is not null,
                    RemoteCertificateValidationCallback = (_, certificate, _, _) => clientCertificateCheck?.Invoke(certificate) ?? true,
                }, stopping.Token);
                stream = ssl;
            }
            await using (stream)
            {
                var reader = new BufferedConnection(stream, socket);
                while (!stopping.IsCancellationRequested)
                {
                    var request = await reader.ReadRequestAsync(stopping.Token);
                    if (request is null)
                        return;
                    Requests.Enqueue(request);
                    var exchange = new RawHttpExchange(request, reader);
                    await handler(exchange);
                    if (exchange.ConnectionDone)
                        return;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException
            or System.Security.Authentication.AuthenticationException)
        {
            // The client went away or the test is over.
        }
        catch (Exception e)
        {
            Failures.Enqueue(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Dispose();
        await acceptLoop;
        await Task.WhenAll(connections).WaitAsync(TimeSpan.FromSeconds(10));
        if (Failures.TryPeek(out var failure))
            throw new InvalidOperationException("the test server's handler failed", failure);
    }
}

/// <summary>A request as the server received it.</summary>
sealed record RecordedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Path => Target.Split('?', 2)[0];

    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>Query parameters, decoded; a repeated name keeps all its values.</summary>
    public ILookup<string, string> Query =>
        (Target.Contains('?', StringComparison.Ordinal) ? Target.Split('?', 2)[1].Split('&') : [])
        .Select(p => p.Split('=', 2))
        .ToLookup(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "");
}

/// <summary>One request and the ways to answer it.</summary>
sealed class RawHttpExchange(RecordedRequest request, BufferedConnection connection)
{
    public RecordedRequest Request { get; } = request;

    /// <summary>The connection is not reusable after this exchange (streamed or hijacked).</summary>
    public bool ConnectionDone { get; private set; }

    /// <summary>A complete response with a length; the connection stays open for the next request.</summary>
    public Task RespondAsync(int status, string? body = null, string contentType = "application/json", params (string Name, string Value)[] headers) =>
        RespondAsync(status, Encoding.UTF8.GetBytes(body ?? ""), contentType, headers);

    public async Task RespondAsync(int status, byte[] body, string contentType, params (string Name, string Value)[] headers)
    {
        var head = Head(status, headers.Append(("Content-Type", contentType)).Append(("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture))));
        await connection.Stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await connection.Stream.WriteAsync(body);
        await connection.Stream.FlushAsync();
    }

    /// <summary>A response whose body is written by <paramref name="writeBody"/> and ends when the connection closes.</summary>
    public async Task StreamAsync(int status, string contentType, Func<Stream, Task> writeBody)
    {
        ConnectionDone = true;
        await connection.Stream.WriteAsync(Encoding.ASCII.GetBytes(Head(status, [("Content-Type", contentType), ("Connection", "close")])));
        await connection.Stream.FlushAsync();
        await writeBody(connection.Stream);
        await connection.Stream.FlushAsync();
    }

    /// <summary>
    /// Takes the connection over: writes <paramref name="headAndFirstBytes"/> (a response head,
    /// perhaps with stream bytes right behind it, in one write) and hands the raw connection to
    /// <paramref name="session"/>.
    /// </summary>
    public async Task HijackAsync(byte[] headAndFirstBytes, Func<BufferedConnection, Task> session)
    {
        ConnectionDone = true;
        await connection.Stream.WriteAsync(headAndFirstBytes);
        await connection.Stream.FlushAsync();
        await session(connection);
    }

    static string Head(int status, IEnumerable<(string Name, string Value)> headers)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {ReasonOf(status)}\r\n");
        foreach (var (name, value) in headers)
            text.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        return text.Append("\r\n").ToString();
    }

    static string ReasonOf(int status) => status switch
    {
        101 => "UPGRADED",
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        304 => "Not Modified",
        400 => "Bad Request",
        404 => "Not Found",
        409 => "Conflict",
        500 => "Internal Server Error",
        _ => "Status",
    };
}

/// <summary>The server side of a connection, with bytes read ahead kept for the next reader.</summary>
sealed class BufferedConnection(Stream stream, Socket socket)
{
    byte[] buffer = new byte[8192];
    int start;
    int end;

    public Stream Stream { get; } = stream;

    public Socket Socket { get; } = socket;

    public async Task<RecordedRequest?> ReadRequestAsync(CancellationToken cancellationToken)
    {
        int headEnd;
        while ((headEnd = buffer.AsSpan(start, end - start).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (!await FillAsync(cancellationToken))
                return null;
        }
        var head = Encoding.ASCII.GetString(buffer, start, headEnd).Split("\r\n");
        start += headEnd + 4;
        var requestLine = head[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in head.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var length = headers.TryGetValue("Content-Length", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
        var body = await ReadExactlyAsync(length, cancellationToken);
        return new RecordedRequest(requestLine[0], requestLine[1], headers, body);
    }

    /// <summary>Reads until the peer ends its side (a half-close), returning everything.</summary>
    public async Task<byte[]> ReadToEndAsync(CancellationToken cancellationToken = default)
    {
        while (await FillAsync(cancellationToken))
        {
        }
        var all = buffer[start..end];
        start = end = 0;
        return all;
    }

    async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
    {
        while (end - start < count)
            if (!await FillAsync(cancellationToken))
                throw new IOException($"connection closed with {end - start} of {count} body bytes");
        var bytes = buffer[start..(start + count)];
        start += count;
        return bytes;
    }

    async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (start > 0)
        {
            Array.Copy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.Length)
            Array.Resize(ref buffer, buffer.Length * 2);
        var n = await Stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
        end += n;
        return n > 0;
    }
}
