using System.Text;

namespace Cais.Images.Layers;

/// <summary>A reusable buffer that turns names into the NUL-terminated UTF-8 the *at calls take.</summary>
internal sealed class CString
{
    byte[] _bytes = new byte[512];

    public ReadOnlySpan<byte> Set(string s)
    {
        int max = Encoding.UTF8.GetMaxByteCount(s.Length) + 1;
        if (max > _bytes.Length) _bytes = new byte[Math.Max(max, _bytes.Length * 2)];
        int n = Encoding.UTF8.GetBytes(s, _bytes);
        _bytes[n] = 0;
        return _bytes.AsSpan(0, n + 1);
    }

    /// <summary>"/proc/self/fd/FD/NAME": the path of a name in a directory fd, for calls with no *at form (lsetxattr).</summary>
    public ReadOnlySpan<byte> InFd(int dirFd, ReadOnlySpan<byte> name)
    {
        int max = 32 + name.Length;
        if (max > _bytes.Length) _bytes = new byte[Math.Max(max, _bytes.Length * 2)];
        var span = _bytes.AsSpan();
        "/proc/self/fd/"u8.CopyTo(span);
        int n = 14;
        dirFd.TryFormat(span[n..], out int digits);
        n += digits;
        span[n++] = (byte)'/';
        name.CopyTo(span[n..]); // carries its NUL
        return span[..(n + name.Length)];
    }
}
