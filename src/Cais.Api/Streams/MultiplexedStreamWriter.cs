using System.Buffers.Binary;

namespace Cais.Api.Streams;

/// <summary>
/// Writes the multiplexed stdout/stderr stream of attach, logs and exec for containers without a
/// TTY (Content-Type application/vnd.docker.multiplexed-stream): each write is one frame, an
/// 8-byte header (stream type, three zero bytes, payload length as a big-endian uint32) and the
/// payload. Safe to use from the stdout and stderr pumps at once: frames never interleave.
/// </summary>
public sealed class MultiplexedStreamWriter(Stream output)
{
    public const int HeaderLength = 8;

    readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Writes one frame and flushes it, so the client sees output as it happens.</summary>
    public async Task WriteAsync(StdStream stream, ReadOnlyMemory<byte> payload, CancellationToken cancel = default)
    {
        if (payload.IsEmpty) return; // an empty frame means nothing and confuses some readers
        var header = new byte[HeaderLength];
        WriteHeader(header, stream, payload.Length);
        await gate.WaitAsync(cancel);
        try
        {
            await output.WriteAsync(header, cancel);
            await output.WriteAsync(payload, cancel);
            await output.FlushAsync(cancel);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Fills an 8-byte frame header.</summary>
    public static void WriteHeader(Span<byte> header, StdStream stream, int payloadLength)
    {
        if (header.Length < HeaderLength) throw new ArgumentException("a frame header is 8 bytes", nameof(header));
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        header[0] = (byte)stream;
        header[1] = header[2] = header[3] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], (uint)payloadLength);
    }

    /// <summary>A write-only stream whose every write becomes a frame of <paramref name="kind"/>: a pump's destination.</summary>
    public Stream StreamFor(StdStream kind) => new FrameStream(this, kind);

    sealed class FrameStream(MultiplexedStreamWriter writer, StdStream kind) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) =>
            writer.WriteAsync(kind, buffer.AsMemory(offset, count)).GetAwaiter().GetResult();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            writer.WriteAsync(kind, buffer.AsMemory(offset, count), cancellationToken);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            new(writer.WriteAsync(kind, buffer, cancellationToken));

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
