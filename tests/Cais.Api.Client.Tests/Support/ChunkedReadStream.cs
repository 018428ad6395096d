namespace Cais.Api.Client.Tests.Support;

/// <summary>
/// A read-only stream over fixed bytes that returns at most a given number of bytes per read,
/// the way a socket hands over data in arbitrary pieces.
/// </summary>
sealed class ChunkedReadStream(byte[] data, params int[] chunkSizes) : Stream
{
    int position;
    int nextChunk;

    public int Reads { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        Reads++;
        var limit = chunkSizes.Length == 0 ? buffer.Length : chunkSizes[nextChunk++ % chunkSizes.Length];
        var count = Math.Min(Math.Min(limit, buffer.Length), data.Length - position);
        data.AsSpan(position, count).CopyTo(buffer);
        position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
