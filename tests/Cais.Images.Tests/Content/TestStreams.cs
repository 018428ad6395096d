namespace Cais.Images.Tests.Content;

/// <summary>
/// A stream as a registry download looks: unseekable, no length, short reads; optionally
/// failing after some bytes as a dropped connection does.
/// </summary>
sealed class NetworkLikeStream(byte[] data, int chunk = 1000, long? failAfter = null) : Stream
{
    int _position;

    public int BytesRead => _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (failAfter is { } limit && _position >= limit) throw new IOException("connection reset by peer");
        int n = Math.Min(Math.Min(count, chunk), data.Length - _position);
        Array.Copy(data, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override void Flush() => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
