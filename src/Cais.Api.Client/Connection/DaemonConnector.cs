using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Cais.Api.Client.Connection;

/// <summary>
/// Opens connections to a daemon endpoint: a unix socket, or TCP, with TLS when configured.
/// Failures to reach the daemon become <see cref="DaemonUnreachableException"/>; TLS failures
/// become <see cref="DaemonConnectionException"/> naming the endpoint.
/// </summary>
public sealed class DaemonConnector
{
    readonly TlsClientSetup? tls;

    public DaemonConnector(DaemonEndpoint endpoint)
    {
        Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        tls = endpoint.Tls is { } options ? TlsClientSetup.Load(options, endpoint) : null;
    }

    public DaemonEndpoint Endpoint { get; }

    public async Task<DaemonConnection> ConnectAsync(CancellationToken cancellationToken = default)
    {
        var socket = await ConnectSocketAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The stream owns the socket: HttpClient only disposes the stream it was given.
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (tls is not null)
                stream = await AuthenticateAsync(stream, cancellationToken).ConfigureAwait(false);
            return new DaemonConnection(socket, stream);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    async Task<Socket> ConnectSocketAsync(CancellationToken cancellationToken)
    {
        Socket socket;
        EndPoint target;
        if (Endpoint.Transport == DaemonTransport.Unix)
        {
            socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            target = new UnixDomainSocketEndPoint(Endpoint.SocketPath!);
        }
        else
        {
            socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            target = IPAddress.TryParse(Endpoint.Host, out var address)
                ? new IPEndPoint(address, Endpoint.Port)
                : new DnsEndPoint(Endpoint.Host!, Endpoint.Port);
        }
        try
        {
            await socket.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw e.SocketErrorCode switch
            {
                SocketError.AccessDenied => DaemonUnreachableException.PermissionDenied(Endpoint.Uri, e),
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain =>
                    DaemonUnreachableException.HostNotFound(Endpoint.Uri, Endpoint.Host ?? "", e),
                _ => DaemonUnreachableException.NotRunning(Endpoint.Uri, e),
            };
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    async Task<SslStream> AuthenticateAsync(Stream plain, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(plain, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(tls!.CreateOptions(), cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new DaemonConnectionException($"error during connect: TLS handshake with {Endpoint.Uri} failed: {e.Message}", e);
        }
    }
}
