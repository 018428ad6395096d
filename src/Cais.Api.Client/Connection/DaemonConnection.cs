using System.Net.Security;
using System.Net.Sockets;

namespace Cais.Api.Client.Connection;

/// <summary>
/// One open connection to the daemon: the socket, and the stream to talk over (the socket's own
/// stream, or TLS on top of it). Disposing closes both.
/// </summary>
public sealed class DaemonConnection : IAsyncDisposable, IDisposable
{
    internal DaemonConnection(Socket socket, Stream stream)
    {
        Socket = socket;
        Stream = stream;
    }

    public Socket Socket { get; }

    public Stream Stream { get; }

    public bool IsTls => Stream is SslStream;

    /// <summary>
    /// Tells the daemon no more input is coming while still reading its output (stdin closed in an
    /// attach). A plain socket shuts down its sending side; TLS sends close_notify, which the
    /// daemon's TLS layer reads as end of input (Go's <c>tls.Conn.CloseWrite</c> does the same).
    /// </summary>
    public async ValueTask CloseWriteAsync()
    {
        if (Stream is SslStream ssl)
            await ssl.ShutdownAsync().ConfigureAwait(false);
        else
            Socket.Shutdown(SocketShutdown.Send);
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync().ConfigureAwait(false);
        Socket.Dispose();
    }

    public void Dispose()
    {
        Stream.Dispose();
        Socket.Dispose();
    }
}
