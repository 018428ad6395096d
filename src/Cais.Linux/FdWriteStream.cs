namespace Cais.Linux;

/// <summary>
/// A write-only stream over a file descriptor that writes with write(2) at the descriptor's own
/// offset. FileStream would not do for a shared log: on a regular file it keeps a position of its
/// own and writes there (pwrite), over what other processes appended to the same file meanwhile.
/// </summary>
public sealed unsafe class FdWriteStream(int fd, string what) : Stream
{
    int fd = fd;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => fd >= 0;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(fd < 0, this);
        Fds.WriteAll(fd, buffer, what);
    }

    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (fd >= 0) Fds.Close(fd);
        fd = -1;
        base.Dispose(disposing);
    }
}
