namespace Cais.Api.Streams;

/// <summary>
/// The two directions of an attach or exec session. <see cref="Input"/> is what the client sends
/// (stdin): a read returns 0 when the client has finished sending (it half-closed the hijacked
/// connection, or the request body ended), while <see cref="Output"/> still reaches it. Every
/// write to <see cref="Output"/> is flushed.
/// </summary>
public sealed class RawStream : IAsyncDisposable
{
    internal RawStream(Stream input, Stream output, bool upgraded, string contentType)
    {
        Input = input;
        Output = new FlushingStream(output);
        Upgraded = upgraded;
        ContentType = contentType;
    }

    public Stream Input { get; }

    public Stream Output { get; }

    /// <summary>True when the connection was hijacked (101 UPGRADED); false for a plain 200 response.</summary>
    public bool Upgraded { get; }

    /// <summary>application/vnd.docker.raw-stream (TTY) or application/vnd.docker.multiplexed-stream.</summary>
    public string ContentType { get; }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Output.FlushAsync();
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client is gone; nothing is left to deliver.
        }
    }

    /// <summary>Flushes after every write: an interactive session must not sit in a buffer.</summary>
    sealed class FlushingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            await inner.FlushAsync(cancellationToken);
        }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
