using System.Security.Cryptography;

namespace Cais.Images.Content;

/// <summary>
/// A read-only, forward-only view of a blob that hashes what passes through and, at the end,
/// throws <see cref="DigestMismatchException"/> if the bytes no longer match the blob's name.
/// A reader that stops early gets no verdict: only the whole blob has a digest.
/// </summary>
sealed class VerifyingStream(Stream inner, Digest expected, string path) : Stream
{
    readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    bool _verified;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException("a verified blob is read from start to end");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        Observe(buffer[..n], requested: buffer.Length);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Observe(buffer.Span[..n], requested: buffer.Length);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    void Observe(ReadOnlySpan<byte> data, int requested)
    {
        if (data.Length > 0)
        {
            _hash.AppendData(data);
            return;
        }

        // A zero-byte read of a non-empty buffer is end of file: the only point with a verdict.
        if (requested == 0 || _verified) return;
        _verified = true;
        var actual = Digest.FromHash(_hash.GetHashAndReset());
        if (actual != expected) throw DigestMismatchException.Corrupt(expected, actual, path);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) =>
        throw new NotSupportedException("a verified blob is read from start to end");

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }
}
