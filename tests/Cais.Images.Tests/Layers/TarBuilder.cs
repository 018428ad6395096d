using System.Formats.Tar;

namespace Cais.Images.Tests.Layers;

/// <summary>Builds test layers with System.Formats.Tar's writer (PAX by default), whole-second times.</summary>
internal sealed class TarBuilder
{
    public static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1_600_000_000);

    readonly MemoryStream _stream = new();
    readonly TarWriter _writer;
    readonly TarEntryFormat _format;

    public TarBuilder(TarEntryFormat format = TarEntryFormat.Pax)
    {
        _format = format;
        _writer = new TarWriter(_stream, format, leaveOpen: true);
    }

    public TarBuilder File(string name, string content = "", int mode = 0x1A4, int uid = 0, int gid = 0,
        DateTimeOffset? mtime = null, Dictionary<string, string>? xattrs = null) =>
        File(name, System.Text.Encoding.UTF8.GetBytes(content), mode, uid, gid, mtime, xattrs);

    public TarBuilder File(string name, byte[] content, int mode = 0x1A4, int uid = 0, int gid = 0,
        DateTimeOffset? mtime = null, Dictionary<string, string>? xattrs = null)
    {
        var e = New(TarEntryType.RegularFile, name, xattrs);
        e.DataStream = new MemoryStream(content);
        return Add(e, mode, uid, gid, mtime);
    }

    public TarBuilder Dir(string name, int mode = 0x1ED, int uid = 0, int gid = 0, DateTimeOffset? mtime = null,
        Dictionary<string, string>? xattrs = null) =>
        Add(New(TarEntryType.Directory, name, xattrs), mode, uid, gid, mtime);

    public TarBuilder Symlink(string name, string target, int uid = 0, int gid = 0)
    {
        var e = New(TarEntryType.SymbolicLink, name, null);
        e.LinkName = target;
        return Add(e, 0x1FF, uid, gid, null);
    }

    public TarBuilder HardLink(string name, string target)
    {
        var e = New(TarEntryType.HardLink, name, null);
        e.LinkName = target;
        return Add(e, 0x1A4, 0, 0, null);
    }

    public TarBuilder Device(string name, TarEntryType type, int major, int minor, int mode = 0x1B6)
    {
        var e = (PosixTarEntry)New(type, name, null);
        if (type != TarEntryType.Fifo)
        {
            e.DeviceMajor = major;
            e.DeviceMinor = minor;
        }
        return Add(e, mode, 0, 0, null);
    }

    public TarBuilder Fifo(string name) => Device(name, TarEntryType.Fifo, 0, 0, 0x1A4);

    TarEntry New(TarEntryType type, string name, Dictionary<string, string>? xattrs)
    {
        if (_format == TarEntryFormat.Pax)
        {
            var attributes = new Dictionary<string, string>();
            if (xattrs is not null)
                foreach (var (k, v) in xattrs) attributes["SCHILY.xattr." + k] = v;
            return new PaxTarEntry(type, name, attributes);
        }
        return _format switch
        {
            TarEntryFormat.Gnu => new GnuTarEntry(type, name),
            TarEntryFormat.Ustar => new UstarTarEntry(type, name),
            _ => new V7TarEntry(type, name),
        };
    }

    TarBuilder Add(TarEntry e, int mode, int uid, int gid, DateTimeOffset? mtime)
    {
        e.Mode = (UnixFileMode)mode;
        e.Uid = uid;
        e.Gid = gid;
        e.ModificationTime = mtime ?? Time;
        _writer.WriteEntry(e);
        return this;
    }

    public byte[] Build()
    {
        _writer.Dispose();
        return _stream.ToArray();
    }
}

/// <summary>A read-only stream that cannot seek and returns short reads, like a network download.</summary>
internal sealed class UnseekableStream(byte[] data, int maxRead = 7919) : Stream
{
    int _position;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = Math.Min(Math.Min(buffer.Length, maxRead), data.Length - _position);
        data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
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
}
