using System.Globalization;
using System.Text;

namespace Cais.Api.Client.Hijack;

/// <summary>
/// Reads the body of an error response on a raw connection (a hijack the daemon refused), by
/// <c>Content-Length</c>, chunked encoding, or to the end of the connection.
/// </summary>
static class HttpBodyReader
{
    // Error bodies are one JSON message; past this the rest is not worth reading.
    const int MaxBody = 1024 * 1024;

    public static async Task<byte[]> ReadAsync(HttpResponseHead head, Stream stream, CancellationToken cancellationToken)
    {
        var source = new PrefixedStream(head.Rest, stream);
        if (head.Header("Transfer-Encoding") is { } encoding && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            return await ReadChunkedAsync(source, cancellationToken).ConfigureAwait(false);
        if (head.Header("Content-Length") is { } lengthText
            && long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            return await ReadUpToAsync(source, (int)Math.Min(length, MaxBody), cancellationToken).ConfigureAwait(false);
        return await ReadUpToAsync(source, MaxBody, cancellationToken).ConfigureAwait(false);
    }

    static async Task<byte[]> ReadUpToAsync(Stream source, int limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[limit];
        var count = 0;
        int n;
        while (count < limit && (n = await source.ReadAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false)) > 0)
            count += n;
        return buffer[..count];
    }

    static async Task<byte[]> ReadChunkedAsync(Stream source, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (body.Length < MaxBody)
        {
            var sizeLine = await ReadLineAsync(source, cancellationToken).ConfigureAwait(false);
            if (sizeLine is null)
                break; // connection closed: keep what came
            var sizeText = sizeLine.Split(';', 2)[0].Trim();
            if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
                throw new DaemonConnectionException($"malformed chunk size '{sizeLine}' in an error response");
            if (size == 0)
                break;
            var chunk = await ReadUpToAsync(source, size, cancellationToken).ConfigureAwait(false);
            body.Write(chunk);
            if (chunk.Length < size)
                break;
            await ReadLineAsync(source, cancellationToken).ConfigureAwait(false); // the CRLF after the data
        }
        return body.ToArray();
    }

    static async Task<string?> ReadLineAsync(Stream source, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (await source.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 1)
        {
            if (one[0] == '\n')
                return line.ToString().TrimEnd('\r');
            if (line.Length > 1024)
                throw new DaemonConnectionException("malformed chunked encoding in an error response (line too long)");
            line.Append((char)one[0]);
        }
        return line.Length == 0 ? null : line.ToString();
    }
}
