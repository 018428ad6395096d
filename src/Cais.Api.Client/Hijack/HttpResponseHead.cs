using System.Globalization;
using System.Net;
using System.Text;

namespace Cais.Api.Client.Hijack;

/// <summary>
/// The status line and headers of an HTTP/1.1 response read off a raw connection, and the
/// bytes that arrived after them (the start of the hijacked stream or of an error body).
/// </summary>
sealed class HttpResponseHead
{
    // Docker's and Kestrel's heads are a few hundred bytes; this only stops a runaway peer.
    const int MaxHeadLength = 64 * 1024;

    HttpResponseHead(HttpStatusCode status, string reason, Dictionary<string, string> headers, ReadOnlyMemory<byte> rest)
    {
        Status = status;
        Reason = reason;
        Headers = headers;
        Rest = rest;
    }

    public HttpStatusCode Status { get; }

    public string Reason { get; }

    /// <summary>Header names are case-insensitive; a repeated header keeps its last value.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Bytes read past the blank line that ends the head.</summary>
    public ReadOnlyMemory<byte> Rest { get; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public static async Task<HttpResponseHead> ReadAsync(Stream stream, string endpoint, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var count = 0;
        while (true)
        {
            var end = buffer.AsSpan(0, count).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
                return Parse(buffer.AsSpan(0, end), buffer.AsMemory(end + 4, count - end - 4), endpoint);
            if (count == buffer.Length)
            {
                if (buffer.Length >= MaxHeadLength)
                    throw new DaemonConnectionException($"the response head from {endpoint} is longer than {MaxHeadLength} bytes");
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            var n = await stream.ReadAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
            if (n == 0)
                throw new DaemonConnectionException(count == 0
                    ? $"the daemon at {endpoint} closed the connection without answering"
                    : $"the daemon at {endpoint} closed the connection in the middle of the response head");
            count += n;
        }
    }

    static HttpResponseHead Parse(ReadOnlySpan<byte> head, ReadOnlyMemory<byte> rest, string endpoint)
    {
        var lines = Encoding.Latin1.GetString(head).Split("\r\n");
        // "HTTP/1.1 101 UPGRADED": version, code, optional reason.
        var statusLine = lines[0].Split(' ', 3);
        if (statusLine.Length < 2 || !statusLine[0].StartsWith("HTTP/1.", StringComparison.Ordinal)
            || statusLine[1].Length != 3
            || !int.TryParse(statusLine[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            throw new DaemonConnectionException($"malformed HTTP status line from {endpoint}: '{lines[0]}'");

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                throw new DaemonConnectionException($"malformed HTTP header line from {endpoint}: '{line}'");
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return new HttpResponseHead((HttpStatusCode)code, statusLine.Length > 2 ? statusLine[2] : "", headers, rest);
    }
}
