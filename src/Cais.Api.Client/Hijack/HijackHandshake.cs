using System.Globalization;
using System.Net;
using System.Text;
using Cais.Api.Client.Connection;

namespace Cais.Api.Client.Hijack;

/// <summary>
/// Sends an HTTP/1.1 request that asks the daemon to hand the connection over
/// (<c>Connection: Upgrade</c>, <c>Upgrade: tcp</c>) and reads its answer. HttpClient cannot give
/// a connection back after a response, so the request is written by hand on a raw connection.
/// </summary>
static class HijackHandshake
{
    public static async Task<HijackedConnection> PerformAsync(
        DaemonConnector connector,
        string hostHeader,
        string userAgent,
        string pathAndQuery,
        string contentType,
        ReadOnlyMemory<byte> body,
        CancellationToken cancellationToken)
    {
        var connection = await connector.ConnectAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var request = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"POST {pathAndQuery} HTTP/1.1\r\n")
                .Append(CultureInfo.InvariantCulture, $"Host: {hostHeader}\r\n")
                .Append(CultureInfo.InvariantCulture, $"User-Agent: {userAgent}\r\n")
                .Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n")
                .Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n")
                .Append("Connection: Upgrade\r\n")
                .Append("Upgrade: tcp\r\n")
                .Append("\r\n")
                .ToString();
            await connection.Stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken).ConfigureAwait(false);
            if (!body.IsEmpty)
                await connection.Stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
            await connection.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);

            var head = await HttpResponseHead.ReadAsync(connection.Stream, connector.Endpoint.Uri, cancellationToken).ConfigureAwait(false);
            if (head.Status is HttpStatusCode.SwitchingProtocols or HttpStatusCode.OK)
                return new HijackedConnection(connection, new PrefixedStream(head.Rest, connection.Stream), (int)head.Status, head.Header("Content-Type"));

            var errorBody = await HttpBodyReader.ReadAsync(head, connection.Stream, cancellationToken).ConfigureAwait(false);
            throw EngineApiException.FromBody(head.Status, head.Reason, errorBody, pathAndQuery);
        }
        catch (IOException e) when (e is not DaemonConnectionException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new DaemonConnectionException($"error during connect: {connector.Endpoint.Uri}{pathAndQuery}: {e.Message}", e);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
