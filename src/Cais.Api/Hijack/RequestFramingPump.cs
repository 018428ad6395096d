using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;

namespace Cais.Api.Hijack;

/// <summary>
/// Copies a connection's bytes from the transport to Kestrel, finding where each request ends, so
/// that an upgrade request may carry a body. Docker's clients send <c>POST /exec/{id}/start</c>
/// with a JSON body and <c>Connection: Upgrade</c>; Kestrel only upgrades requests without a body
/// (it takes the body as a plain request's, and the raw stream after it as the next request).
/// The pump takes such a body out of the stream, hands it to the handler through
/// <see cref="HijackConnectionFeature"/>, and passes the head on without its Content-Length.
/// </summary>
/// <remarks>
/// Bodies of other requests (Content-Length or chunked) are copied through untouched; the pump
/// only counts them to find the next head. Anything it cannot follow (a head over 64 KiB, a
/// malformed head or chunk line) is passed through as it is and the pump stops parsing: Kestrel
/// then answers it as it always does. After a hijack every byte is the raw stream.
/// </remarks>
internal sealed class RequestFramingPump(PipeReader source, PipeWriter sink, HijackConnectionFeature feature)
{
    /// <summary>Longest head followed (Kestrel's own limits are 8 KiB request line + 32 KiB headers).</summary>
    internal const int MaxHeadLength = 64 * 1024;

    /// <summary>Largest upgrade-request body held in memory (exec and attach bodies are a few hundred bytes).</summary>
    internal const int MaxUpgradeBodyLength = 1024 * 1024;

    const int MaxChunkLineLength = 4096;

    public async Task RunAsync(CancellationToken cancel)
    {
        try
        {
            while (await PumpRequestAsync(cancel))
            {
            }
            await PassThroughAsync(cancel);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or Microsoft.AspNetCore.Connections.ConnectionResetException)
        {
            // The connection broke under the pump; Kestrel sees the end of input and tidies up.
        }
        finally
        {
            await sink.CompleteAsync();
            await source.CompleteAsync();
        }
    }

    /// <summary>Moves one request through; false when the pump should only copy from now on.</summary>
    async Task<bool> PumpRequestAsync(CancellationToken cancel)
    {
        var headBytes = await ReadHeadAsync(cancel);
        if (headBytes is null) return false;
        var head = HttpRequestHead.Parse(headBytes);
        if (head is null)
        {
            await WriteAsync(headBytes, cancel);
            return false;
        }
        if (head.ConnectionUpgrade) return await PumpUpgradeRequestAsync(head, headBytes, cancel);
        await WriteAsync(headBytes, cancel);
        if (head.HasTransferEncoding) return await CopyChunkedBodyAsync(cancel);
        if (head.ContentLength is > 0 and var length) return await CopyExactlyAsync(length, cancel);
        return true;
    }

    async Task<bool> PumpUpgradeRequestAsync(HttpRequestHead head, byte[] headBytes, CancellationToken cancel)
    {
        if (head.HasTransferEncoding || head.ContentLength > MaxUpgradeBodyLength)
        {
            // Not a body the pump can hold: Kestrel handles it as a plain request, and whatever
            // follows it is not parsed here.
            await WriteAsync(headBytes, cancel);
            return false;
        }
        Task<bool> verdict;
        if (head.ContentLength is > 0 and var length)
        {
            var body = await ReadExactlyAsync((int)length, cancel);
            if (body is null) return false;
            verdict = feature.ExpectUpgradeRequest(body);
            await WriteAsync(head.WithoutContentLength(), cancel);
        }
        else
        {
            verdict = feature.ExpectUpgradeRequest(null);
            await WriteAsync(headBytes, cancel);
        }
        // Read nothing more until the handler has decided: after a hijack the next bytes are
        // stdin, which must never be taken for a request head.
        try
        {
            return !await verdict.WaitAsync(cancel);
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>A whole head (through its empty line); null when the input ended or the head is too long to follow.</summary>
    async Task<byte[]?> ReadHeadAsync(CancellationToken cancel)
    {
        while (true)
        {
            var result = await source.ReadAsync(cancel);
            var buffer = result.Buffer;
            if (HeadLength(buffer.Length > MaxHeadLength ? buffer.Slice(0, MaxHeadLength) : buffer) is { } length)
            {
                var end = buffer.GetPosition(length);
                var head = buffer.Slice(0, end).ToArray();
                source.AdvanceTo(end);
                return head;
            }
            if (result.IsCompleted || result.IsCanceled || buffer.Length > MaxHeadLength)
            {
                source.AdvanceTo(buffer.Start);
                return null;
            }
            source.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>
    /// The length of the head at the start of <paramref name="buffer"/>, through the empty line that
    /// ends it, or null when it is not all there. Lines end in CRLF or, as RFC 9112 lets a
    /// recipient accept and Go and Kestrel do, a bare LF: Docker.DotNet ends its header lines so.
    /// </summary>
    internal static long? HeadLength(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        while (reader.TryAdvanceTo((byte)'\n', advancePastDelimiter: true))
        {
            if (reader.IsNext((byte)'\n', advancePast: true) || reader.IsNext("\r\n"u8, advancePast: true)) return reader.Consumed;
        }
        return null;
    }

    async Task<byte[]?> ReadExactlyAsync(int length, CancellationToken cancel)
    {
        while (true)
        {
            var result = await source.ReadAsync(cancel);
            var buffer = result.Buffer;
            if (buffer.Length >= length)
            {
                var bytes = buffer.Slice(0, length).ToArray();
                source.AdvanceTo(buffer.GetPosition(length));
                return bytes;
            }
            if (result.IsCompleted || result.IsCanceled)
            {
                source.AdvanceTo(buffer.Start);
                return null;
            }
            source.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    async Task<bool> CopyExactlyAsync(long length, CancellationToken cancel)
    {
        while (length > 0)
        {
            var result = await source.ReadAsync(cancel);
            var buffer = result.Buffer;
            var take = buffer.Slice(0, Math.Min(length, buffer.Length));
            foreach (var segment in take) sink.Write(segment.Span);
            length -= take.Length;
            source.AdvanceTo(take.End);
            if (await FlushAsync(cancel)) return false;
            if (length > 0 && (result.IsCompleted || result.IsCanceled)) return false;
        }
        return true;
    }

    /// <summary>Copies a chunked body (RFC 9112 section 7.1): size lines, data, the last chunk and trailers.</summary>
    async Task<bool> CopyChunkedBodyAsync(CancellationToken cancel)
    {
        while (true)
        {
            var line = await CopyLineAsync(cancel);
            if (line is null) return false;
            var sizeText = line.Split(';')[0].Trim();
            if (!long.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0) return false;
            if (size == 0)
            {
                // Trailer fields, then the empty line that ends the message.
                while (true)
                {
                    var trailer = await CopyLineAsync(cancel);
                    if (trailer is null) return false;
                    if (trailer.Length == 0) return true;
                }
            }
            if (!await CopyExactlyAsync(size, cancel)) return false;
            var end = await CopyLineAsync(cancel);
            if (end is not { Length: 0 }) return false;
        }
    }

    /// <summary>Copies one CRLF-terminated line and returns it without the CRLF; null if it cannot be followed.</summary>
    async Task<string?> CopyLineAsync(CancellationToken cancel)
    {
        while (true)
        {
            var result = await source.ReadAsync(cancel);
            var buffer = result.Buffer;
            var reader = new SequenceReader<byte>(buffer);
            if (reader.TryReadTo(out ReadOnlySequence<byte> line, "\r\n"u8, advancePastDelimiter: true))
            {
                // Everything read from the buffer is read before AdvanceTo, which hands its memory back.
                var text = line.Length > MaxChunkLineLength ? null : Encoding.Latin1.GetString(line.ToArray());
                foreach (var segment in buffer.Slice(0, reader.Position)) sink.Write(segment.Span);
                source.AdvanceTo(reader.Position);
                if (await FlushAsync(cancel)) return null;
                return text;
            }
            if (result.IsCompleted || result.IsCanceled || buffer.Length > MaxChunkLineLength)
            {
                source.AdvanceTo(buffer.Start);
                return null;
            }
            source.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Copies everything that is left, unparsed.</summary>
    async Task PassThroughAsync(CancellationToken cancel)
    {
        while (true)
        {
            var result = await source.ReadAsync(cancel);
            var buffer = result.Buffer;
            foreach (var segment in buffer) sink.Write(segment.Span);
            source.AdvanceTo(buffer.End);
            if (await FlushAsync(cancel)) return;
            if (result.IsCompleted || result.IsCanceled) return;
        }
    }

    async Task WriteAsync(byte[] bytes, CancellationToken cancel)
    {
        sink.Write(bytes);
        await FlushAsync(cancel);
    }

    /// <summary>Flushes to Kestrel; true when Kestrel has stopped reading.</summary>
    async Task<bool> FlushAsync(CancellationToken cancel)
    {
        var flushed = await sink.FlushAsync(cancel);
        return flushed.IsCompleted;
    }
}
