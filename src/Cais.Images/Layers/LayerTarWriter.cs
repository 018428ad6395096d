using System.Text;
using Cais.Linux;

namespace Cais.Images.Layers;

/// <summary>One tar header's fields; names are raw bytes without a NUL (directories end in "/").</summary>
internal ref struct TarHeader
{
    public ReadOnlySpan<byte> Name;
    public ReadOnlySpan<byte> LinkName;
    public byte Type;
    public int Mode;
    public long Uid, Gid, Size, Mtime;
    public uint DevMajor, DevMinor;
    public List<KeyValuePair<byte[], byte[]>>? Xattrs;
}

/// <summary>
/// A deterministic tar writer in the shape Go's archive/tar gives Docker's layers: a ustar
/// header per entry ("ustar\0" "00", empty uname/gname, whole-second mtime), preceded by a PAX
/// extended header only when a field does not fit (long or non-ASCII names, big ids or sizes)
/// or the entry has xattrs (<c>SCHILY.xattr.NAME</c>, raw bytes). PAX records are sorted by
/// key, and the extended header is named DIR/PaxHeaders.0/NAME, so the same entries always give
/// the same bytes. No atime or ctime is ever written.
/// </summary>
internal sealed class LayerTarWriter(Stream sink)
{
    const int Block = 512;
    const long MaxOctal7 = 0x1FFFFF, MaxOctal11 = 0x1FFFFFFFF;

    readonly byte[] _buffer = new byte[1 << 20];
    int _length;
    readonly List<(byte[] Key, byte[] Value)> _records = [];

    public void WriteHeader(scoped in TarHeader h)
    {
        _records.Clear();
        var name = h.Name;
        ReadOnlySpan<byte> prefix = default;
        if (!IsAscii(name) || (name.Length > 100 && !TrySplit(name, out prefix, out name)))
        {
            AddRecord("path", h.Name);
            name = Truncated(h.Name, 100);
            prefix = default;
        }
        var link = h.LinkName;
        if (!IsAscii(link) || link.Length > 100)
        {
            AddRecord("linkpath", link);
            link = Truncated(link, 100);
        }
        long uid = Fit(h.Uid, MaxOctal7, "uid"), gid = Fit(h.Gid, MaxOctal7, "gid");
        long size = Fit(h.Size, MaxOctal11, "size"), mtime = Fit(h.Mtime, MaxOctal11, "mtime");
        if (h.Xattrs is not null)
        {
            foreach (var (key, value) in h.Xattrs)
                _records.Add(([.. "SCHILY.xattr."u8, .. key], value));
        }
        if (_records.Count > 0) WriteExtendedHeader(h.Name);

        var header = Reserve(Block);
        header.Clear();
        name.CopyTo(header);
        Octal(header.Slice(100, 8), h.Mode & 0xFFF);
        Octal(header.Slice(108, 8), uid);
        Octal(header.Slice(116, 8), gid);
        Octal(header.Slice(124, 12), size);
        Octal(header.Slice(136, 12), mtime);
        header[156] = h.Type;
        link.CopyTo(header[157..]);
        Magic(header);
        Octal(header.Slice(329, 8), h.DevMajor);
        Octal(header.Slice(337, 8), h.DevMinor);
        prefix.CopyTo(header[345..]);
        Seal(header);
    }

    /// <summary>Copies exactly <paramref name="size"/> bytes of a file and pads them to a block.</summary>
    public unsafe void WriteFileData(int fd, long size, string pathForErrors)
    {
        long remaining = size;
        while (remaining > 0)
        {
            if (_length == _buffer.Length) Flush();
            int want = (int)Math.Min(remaining, _buffer.Length - _length);
            long n;
            fixed (byte* p = &_buffer[_length]) n = Fds.Read(fd, p, want, pathForErrors);
            if (n == 0) throw new LayerException(null, $"{pathForErrors} shrank while it was being read; diff a stopped container");
            _length += (int)n;
            remaining -= n;
        }
        Pad(size);
    }

    /// <summary>The two zero blocks that end an archive; then everything is flushed to the sink.</summary>
    public void Finish()
    {
        Reserve(2 * Block).Clear();
        Flush();
    }

    public void Flush()
    {
        if (_length > 0) sink.Write(_buffer, 0, _length);
        _length = 0;
    }

    void Pad(long size)
    {
        int rest = (int)(size % Block);
        if (rest != 0) Reserve(Block - rest).Clear();
    }

    Span<byte> Reserve(int n)
    {
        if (_length + n > _buffer.Length) Flush();
        var span = _buffer.AsSpan(_length, n);
        _length += n;
        return span;
    }

    // A value too big for its octal field goes into a PAX record, the field left 0 (as Go does).
    long Fit(long value, long max, string key)
    {
        if (value >= 0 && value <= max) return value;
        AddRecord(key, Encoding.ASCII.GetBytes(value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return 0;
    }

    void AddRecord(string key, ReadOnlySpan<byte> value) => _records.Add((Encoding.ASCII.GetBytes(key), value.ToArray()));

    void WriteExtendedHeader(ReadOnlySpan<byte> entryName)
    {
        _records.Sort((a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
        long size = 0;
        foreach (var (key, value) in _records) size += RecordLength(key.Length, value.Length);

        var header = Reserve(Block);
        header.Clear();
        PaxHeaderName(entryName, header[..100]);
        Octal(header.Slice(100, 8), 0x1A4);
        Octal(header.Slice(108, 8), 0);
        Octal(header.Slice(116, 8), 0);
        Octal(header.Slice(124, 12), size);
        Octal(header.Slice(136, 12), 0);
        header[156] = (byte)'x';
        Magic(header);
        Octal(header.Slice(329, 8), 0);
        Octal(header.Slice(337, 8), 0);
        Seal(header);

        foreach (var (key, value) in _records)
        {
            int length = RecordLength(key.Length, value.Length);
            var digits = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Write(Encoding.ASCII.GetBytes(digits));
            Write(" "u8);
            Write(key);
            Write("="u8);
            Write(value);
            Write("\n"u8);
        }
        Pad(size);
    }

    void Write(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (_length == _buffer.Length) Flush();
            int n = Math.Min(bytes.Length, _buffer.Length - _length);
            bytes[..n].CopyTo(_buffer.AsSpan(_length));
            _length += n;
            bytes = bytes[n..];
        }
    }

    // "<length> <key>=<value>\n", where length counts its own digits.
    static int RecordLength(int key, int value)
    {
        int body = key + value + 3;
        int length = body + Digits(body);
        return Digits(length) > Digits(body) ? length + 1 : length;
    }

    static int Digits(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;

    // Go's name for it: path.Join(dir, "PaxHeaders.0", file), ASCII, cut to the field.
    static void PaxHeaderName(ReadOnlySpan<byte> entryName, Span<byte> field)
    {
        var trimmed = entryName.EndsWith("/"u8) ? entryName[..^1] : entryName;
        int slash = trimmed.LastIndexOf((byte)'/');
        var dir = slash < 0 ? default : trimmed[..(slash + 1)];
        var file = slash < 0 ? trimmed : trimmed[(slash + 1)..];
        int n = 0;
        foreach (var part in new[] { dir.ToArray(), "PaxHeaders.0/"u8.ToArray(), file.ToArray() })
            foreach (byte b in part)
                if (b < 0x80 && n < field.Length) field[n++] = b;
    }

    // ustar splits a long name at a slash into prefix (155) and name (100).
    static bool TrySplit(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> prefix, out ReadOnlySpan<byte> rest)
    {
        prefix = rest = default;
        int limit = Math.Min(name.Length - 1, 155);
        for (int i = Math.Max(0, name.Length - 101); i <= limit; i++)
        {
            if (name[i] != '/') continue;
            if (i == 0 || name.Length - i - 1 > 100 || name.Length - i - 1 == 0) continue;
            prefix = name[..i];
            rest = name[(i + 1)..];
            return true;
        }
        return false;
    }

    static bool IsAscii(ReadOnlySpan<byte> s) => System.Text.Ascii.IsValid(s);

    static ReadOnlySpan<byte> Truncated(ReadOnlySpan<byte> s, int max)
    {
        var ascii = new byte[Math.Min(s.Length, max)];
        int n = 0;
        foreach (byte b in s)
        {
            if (n == ascii.Length) break;
            if (b < 0x80) ascii[n++] = b;
        }
        return ascii.AsSpan(0, n);
    }

    // Zero-padded octal digits filling the field but its last byte, which stays NUL.
    static void Octal(Span<byte> field, long value)
    {
        for (int i = field.Length - 2; i >= 0; i--)
        {
            field[i] = (byte)('0' + (value & 7));
            value >>= 3;
        }
        field[^1] = 0;
    }

    // POSIX ustar: magic "ustar\0" and version "00" (GNU's own format spells it "ustar  \0").
    static void Magic(Span<byte> header)
    {
        "ustar\0"u8.CopyTo(header[257..]);
        "00"u8.CopyTo(header[263..]);
    }

    static void Seal(Span<byte> header)
    {
        header.Slice(148, 8).Fill((byte)' ');
        int sum = 0;
        foreach (byte b in header) sum += b;
        Octal(header.Slice(148, 7), sum);
        header[155] = (byte)' ';
    }
}
