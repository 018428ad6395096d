using System.Buffers;
using System.Text;

namespace Cais.Api.Models.Streams;

/// <summary>
/// Writes multiplexed frames to one underlying stream (a hijacked connection, a logs response).
/// Frames from several writers (the stdout and stderr pumps of a process) never interleave: each
/// frame is written whole under a lock. Empty writes produce no frame, as in Docker.
/// </summary>
public sealed class MultiplexedStreamWriter(Stream output)
{
    // Header and payload go out in one write when small, so a frame is usually one packet.
    const int CoalesceLimit = 64 * 1024;

    readonly SemaphoreSlim writeLock = new(1, 1);

    public Stream Output { get; } = output ?? throw new ArgumentNullException(nameof(output));

    public async ValueTask WriteFrameAsync(StdStreamKind kind, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        if (payload.IsEmpty)
            return;
        await writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (payload.Length <= CoalesceLimit)
            {
                var frame = ArrayPool<byte>.Shared.Rent(MultiplexedFrameHeader.Length + payload.Length);
                try
                {
                    MultiplexedFrameHeader.Write(frame, kind, (uint)payload.Length);
                    payload.Span.CopyTo(frame.AsSpan(MultiplexedFrameHeader.Length));
                    await Output.WriteAsync(frame.AsMemory(0, MultiplexedFrameHeader.Length + payload.Length), cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(frame);
                }
            }
            else
            {
                var header = new byte[MultiplexedFrameHeader.Length];
                MultiplexedFrameHeader.Write(header, kind, (uint)payload.Length);
                await Output.WriteAsync(header, cancellationToken).ConfigureAwait(false);
                await Output.WriteAsync(payload, cancellationToken).ConfigureAwait(false);
            }
            await Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            writeLock.Release();
        }
    }

    public void WriteFrame(StdStreamKind kind, ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
            return;
        writeLock.Wait();
        try
        {
            Span<byte> header = stackalloc byte[MultiplexedFrameHeader.Length];
            MultiplexedFrameHeader.Write(header, kind, (uint)payload.Length);
            Output.Write(header);
            Output.Write(payload);
            Output.Flush();
        }
        finally
        {
            writeLock.Release();
        }
    }

    /// <summary>Ends the stream with the daemon's error message (stream 3), which a reader raises as an error.</summary>
    public ValueTask WriteSystemErrorAsync(string message, CancellationToken cancellationToken = default) =>
        WriteFrameAsync(StdStreamKind.SystemError, Encoding.UTF8.GetBytes(message), cancellationToken);

    /// <summary>A write-only stream whose every write becomes one frame of <paramref name="kind"/>.</summary>
    public Stream OpenStream(StdStreamKind kind) => new FrameStream(this, kind);

    sealed class FrameStream(MultiplexedStreamWriter writer, StdStreamKind kind) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => writer.WriteFrame(kind, buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer) => writer.WriteFrame(kind, buffer);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            writer.WriteFrameAsync(kind, buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            writer.WriteFrameAsync(kind, buffer, cancellationToken);

        // Every frame is flushed as it is written.
        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
