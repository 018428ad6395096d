using System.Buffers;
using System.Text;

namespace Cais.Api.Models.Streams;

/// <summary>One frame: which stream it belongs to and its bytes (valid until the next read).</summary>
public readonly record struct MultiplexedFrame(StdStreamKind Kind, ReadOnlyMemory<byte> Payload);

/// <summary>
/// Reads multiplexed frames from a stream, however the bytes arrive (a header split across
/// reads, many frames in one read). The stream may end only between frames: a header or payload
/// cut short is a <see cref="MultiplexedStreamException"/>. A stream-3 frame (an error from the
/// daemon) is raised as <see cref="DaemonStreamErrorException"/>.
/// </summary>
public sealed class MultiplexedStreamReader(Stream input, int maxFramePayload = MultiplexedStreamReader.DefaultMaxFramePayload)
{
    /// <summary>
    /// The largest payload <see cref="ReadFrameAsync"/> holds in memory. Docker's frames are at
    /// most a pipe read (32 KiB) or a log line (16 KiB); a huge length means a corrupt stream.
    /// <see cref="CopyToAsync"/> streams payloads through and has no such limit.
    /// </summary>
    public const int DefaultMaxFramePayload = 16 * 1024 * 1024;

    const int CopyChunk = 32 * 1024;

    readonly byte[] header = new byte[MultiplexedFrameHeader.Length];
    byte[] payloadBuffer = [];

    public Stream Input { get; } = input ?? throw new ArgumentNullException(nameof(input));

    /// <summary>The next frame, or null at the end of the stream.</summary>
    public async ValueTask<MultiplexedFrame?> ReadFrameAsync(CancellationToken cancellationToken = default)
    {
        if (await ReadHeaderAsync(cancellationToken).ConfigureAwait(false) is not { } next)
            return null;
        var (kind, length) = next;
        if (length > (uint)maxFramePayload)
            throw new MultiplexedStreamException($"multiplexed frame of {length} bytes is larger than the {maxFramePayload} allowed");
        if (payloadBuffer.Length < length)
            payloadBuffer = new byte[Math.Max((int)length, Math.Min(2 * payloadBuffer.Length, maxFramePayload))];
        var payload = payloadBuffer.AsMemory(0, (int)length);
        await FillAsync(payload, "payload", length, cancellationToken).ConfigureAwait(false);
        if (kind == StdStreamKind.SystemError)
            throw new DaemonStreamErrorException(Encoding.UTF8.GetString(payload.Span));
        return new MultiplexedFrame(kind, payload);
    }

    /// <summary>
    /// Copies every frame's payload to <paramref name="stdout"/> or <paramref name="stderr"/>
    /// (stdin frames go to stdout) until the stream ends; returns the bytes copied to each.
    /// </summary>
    public async Task<(long Stdout, long Stderr)> CopyToAsync(Stream stdout, Stream stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        long outBytes = 0, errBytes = 0;
        var chunk = ArrayPool<byte>.Shared.Rent(CopyChunk);
        try
        {
            while (await ReadHeaderAsync(cancellationToken).ConfigureAwait(false) is { } next)
            {
                var (kind, length) = next;
                if (kind == StdStreamKind.SystemError)
                {
                    // Errors are short messages; hold them whole to raise them.
                    if (length > (uint)maxFramePayload)
                        throw new MultiplexedStreamException($"daemon error frame of {length} bytes is larger than the {maxFramePayload} allowed");
                    var message = new byte[length];
                    await FillAsync(message, "payload", length, cancellationToken).ConfigureAwait(false);
                    throw new DaemonStreamErrorException(Encoding.UTF8.GetString(message));
                }
                var target = kind == StdStreamKind.Stderr ? stderr : stdout;
                var remaining = length;
                while (remaining > 0)
                {
                    var part = chunk.AsMemory(0, (int)Math.Min(remaining, (uint)chunk.Length));
                    await FillAsync(part, "payload", length, cancellationToken).ConfigureAwait(false);
                    await target.WriteAsync(part, cancellationToken).ConfigureAwait(false);
                    remaining -= (uint)part.Length;
                }
                await target.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (kind == StdStreamKind.Stderr)
                    errBytes += length;
                else
                    outBytes += length;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return (outBytes, errBytes);
    }

    /// <summary>Reads a whole header; null if the stream ends before its first byte.</summary>
    async ValueTask<(StdStreamKind, uint)?> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        var got = 0;
        while (got < header.Length)
        {
            var n = await Input.ReadAsync(header.AsMemory(got), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                if (got == 0)
                    return null;
                throw new MultiplexedStreamException(
                    $"multiplexed stream ended inside a frame header ({got} of {header.Length} bytes)");
            }
            got += n;
        }
        return MultiplexedFrameHeader.Read(header);
    }

    async ValueTask FillAsync(Memory<byte> buffer, string what, uint frameLength, CancellationToken cancellationToken)
    {
        var got = 0;
        while (got < buffer.Length)
        {
            var n = await Input.ReadAsync(buffer[got..], cancellationToken).ConfigureAwait(false);
            if (n == 0)
                throw new MultiplexedStreamException(
                    $"multiplexed stream ended inside a frame {what} (frame of {frameLength} bytes cut short)");
            got += n;
        }
    }
}
