using System.Security.Cryptography;

namespace Cais.Images.Layers;

/// <summary>
/// The uncompressed tar as TarReader reads it: buffered, hashing every byte as it is pulled
/// from the source (so the digest covers all of it once <see cref="DrainToEnd"/> has run, end
/// blocks and trailing padding included), and able to record the bytes TarReader consumes
/// while it reads one entry's headers (see <see cref="TarHeaderBlocks"/>).
/// </summary>
internal sealed class TarSource : Stream
{
    const int BufferSize = 256 * 1024;
    const int MaxCapture = 64 << 20;

    readonly Stream _source;
    readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    readonly byte[] _buffer = new byte[BufferSize];
    int _start, _end;
    bool _eof;
    long _position;

    byte[] _capture = new byte[16 * 1024];
    int _captured;
    bool _capturing;

    public TarSource(Stream source) => _source = source;

    /// <summary>Bytes handed to the reader so far.</summary>
    public long Consumed => _position;

    /// <summary>Bytes pulled from the source so far: the tar's size once drained.</summary>
    public long TarSize { get; private set; }

    /// <summary>Where the current capture began (a count of consumed bytes).</summary>
    public long CaptureStart { get; private set; }

    /// <summary>True when the source holds no byte at all (an empty layer).</summary>
    public bool IsEmpty()
    {
        if (_start == _end && !_eof) Fill();
        return _start == _end;
    }

    public void BeginCapture()
    {
        _capturing = true;
        _captured = 0;
        CaptureStart = _position;
    }

    public ReadOnlySpan<byte> EndCapture()
    {
        _capturing = false;
        return _capture.AsSpan(0, _captured);
    }

    /// <summary>Reads (and hashes) whatever the reader left: the end-of-archive blocks and any padding after them.</summary>
    public void DrainToEnd()
    {
        _start = _end = 0;
        while (!_eof) PullInto(_buffer);
    }

    /// <summary>sha256 of every byte pulled from the source; call after <see cref="DrainToEnd"/>.</summary>
    public Digest Digest() => Images.Digest.FromHash(_hash.GetHashAndReset());

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        if (destination.IsEmpty) return 0;
        int n;
        if (_start < _end)
        {
            n = Math.Min(destination.Length, _end - _start);
            _buffer.AsSpan(_start, n).CopyTo(destination);
            _start += n;
        }
        else if (_eof)
        {
            return 0;
        }
        else if (destination.Length >= BufferSize / 2)
        {
            // Large reads (file data) go straight from the source to the caller: one copy fewer.
            n = PullInto(destination);
        }
        else
        {
            if (Fill() == 0) return 0;
            n = Math.Min(destination.Length, _end - _start);
            _buffer.AsSpan(_start, n).CopyTo(destination);
            _start += n;
        }
        _position += n;
        if (_capturing && n > 0) Capture(destination[..n]);
        return n;
    }

    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    int Fill()
    {
        _start = 0;
        _end = PullInto(_buffer);
        return _end;
    }

    int PullInto(Span<byte> destination)
    {
        int n = _source.Read(destination);
        if (n == 0)
        {
            _eof = true;
            return 0;
        }
        _hash.AppendData(destination[..n]);
        TarSize += n;
        return n;
    }

    void Capture(ReadOnlySpan<byte> bytes)
    {
        if (_captured + bytes.Length > _capture.Length)
        {
            if (_captured + bytes.Length > MaxCapture)
                throw new InvalidDataException($"tar headers of one entry exceed {MaxCapture >> 20} MiB");
            Array.Resize(ref _capture, Math.Max(_capture.Length * 2, _captured + bytes.Length));
        }
        bytes.CopyTo(_capture.AsSpan(_captured));
        _captured += bytes.Length;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _hash.Dispose();
        base.Dispose(disposing);
    }
}
