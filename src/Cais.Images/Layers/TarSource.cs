namespace Cais.Images.Layers;

/// <summary>
/// The uncompressed tar as TarReader reads it. A <see cref="ChunkPump"/> reads (and
/// decompresses) the source and hashes every byte on its own thread, so the digest covers all
/// of it once <see cref="DrainToEnd"/> has run, end blocks and trailing padding included. This
/// stream can also record the bytes TarReader consumes while it reads one entry's headers
/// (see <see cref="TarHeaderBlocks"/>).
/// </summary>
internal sealed class TarSource : Stream
{
    const int MaxCapture = 64 << 20;

    readonly ChunkPump _pump;
    ArraySegment<byte> _chunk = ArraySegment<byte>.Empty;
    int _offset;
    bool _eof;
    long _position;

    byte[] _capture = new byte[16 * 1024];
    int _captured;
    bool _capturing;

    public TarSource(Stream source) => _pump = new ChunkPump(source);

    /// <summary>Bytes pulled from the source so far: the tar's size once drained.</summary>
    public long TarSize => _pump.Total;

    /// <summary>Where the current capture began (a count of bytes handed to the reader).</summary>
    public long CaptureStart { get; private set; }

    /// <summary>True when the source holds no byte at all (an empty layer).</summary>
    public bool IsEmpty() => !Available();

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

    /// <summary>Reads (and so hashes) whatever the reader left: the end-of-archive blocks and any padding after them.</summary>
    public void DrainToEnd()
    {
        while (!_eof) NextChunk();
    }

    /// <summary>sha256 of every byte of the source; call after <see cref="DrainToEnd"/>.</summary>
    public Digest Digest() => Images.Digest.FromHash(_pump.Hash());

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        if (destination.IsEmpty || !Available()) return 0;
        int n = Math.Min(destination.Length, _chunk.Count - _offset);
        var bytes = _chunk.AsSpan(_offset, n);
        bytes.CopyTo(destination);
        _offset += n;
        _position += n;
        if (_capturing) Capture(bytes);
        return n;
    }

    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    // True when there is a byte to read, fetching the next chunk if need be.
    bool Available()
    {
        while (_offset == _chunk.Count)
        {
            if (_eof) return false;
            NextChunk();
        }
        return true;
    }

    void NextChunk()
    {
        _chunk = _pump.Next();
        _offset = 0;
        if (_chunk.Count == 0) _eof = true;
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
        if (disposing) _pump.Dispose();
        base.Dispose(disposing);
    }
}
