using System.Runtime.InteropServices;

namespace Cais.Linux;

/// <summary>
/// Extended attributes (xattr(7)) of a file by fd, or by path without following a symbolic
/// link in the last component (l*xattr). Paths and names are NUL-terminated bytes. Each Try*
/// returns 0 or the errno, as <see cref="FileOps"/> does; ENODATA means "no such attribute",
/// ERANGE "buffer too small", ENOTSUP "this file system has none".
/// </summary>
public static unsafe partial class Xattrs
{
    const string L = "libc";

    [LibraryImport(L, SetLastError = true)] private static partial int lsetxattr(byte* path, byte* name, byte* value, nint size, int flags);
    [LibraryImport(L, SetLastError = true)] private static partial int fsetxattr(int fd, byte* name, byte* value, nint size, int flags);
    [LibraryImport(L, SetLastError = true)] private static partial nint llistxattr(byte* path, byte* list, nint size);
    [LibraryImport(L, SetLastError = true)] private static partial nint flistxattr(int fd, byte* list, nint size);
    [LibraryImport(L, SetLastError = true)] private static partial nint lgetxattr(byte* path, byte* name, byte* value, nint size);
    [LibraryImport(L, SetLastError = true)] private static partial nint fgetxattr(int fd, byte* name, byte* value, nint size);

    /// <summary>lsetxattr(2): sets <paramref name="name"/> on the file at <paramref name="path"/> (a link itself, never its target).</summary>
    public static int TrySetLink(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        fixed (byte* p = CString(path))
        fixed (byte* n = CString(name))
        fixed (byte* v = value)
            return lsetxattr(p, n, v, value.Length, 0) < 0 ? Marshal.GetLastPInvokeError() : 0;
    }

    /// <summary>fsetxattr(2).</summary>
    public static int TrySet(int fd, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        fixed (byte* n = CString(name))
        fixed (byte* v = value)
            return fsetxattr(fd, n, v, value.Length, 0) < 0 ? Marshal.GetLastPInvokeError() : 0;
    }

    /// <summary>
    /// llistxattr(2): the NUL-separated attribute names into <paramref name="buffer"/>; with an
    /// empty buffer, <paramref name="length"/> is the size needed.
    /// </summary>
    public static int TryListLink(ReadOnlySpan<byte> path, Span<byte> buffer, out int length)
    {
        fixed (byte* p = CString(path))
        fixed (byte* b = buffer)
            return Size(llistxattr(p, b, buffer.Length), out length);
    }

    /// <summary>flistxattr(2), as <see cref="TryListLink"/>.</summary>
    public static int TryList(int fd, Span<byte> buffer, out int length)
    {
        fixed (byte* b = buffer)
            return Size(flistxattr(fd, b, buffer.Length), out length);
    }

    /// <summary>lgetxattr(2): the value into <paramref name="buffer"/>; with an empty buffer, the size needed.</summary>
    public static int TryGetLink(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name, Span<byte> buffer, out int length)
    {
        fixed (byte* p = CString(path))
        fixed (byte* n = CString(name))
        fixed (byte* b = buffer)
            return Size(lgetxattr(p, n, b, buffer.Length), out length);
    }

    /// <summary>fgetxattr(2), as <see cref="TryGetLink"/>.</summary>
    public static int TryGet(int fd, ReadOnlySpan<byte> name, Span<byte> buffer, out int length)
    {
        fixed (byte* n = CString(name))
        fixed (byte* b = buffer)
            return Size(fgetxattr(fd, n, b, buffer.Length), out length);
    }

    static int Size(nint r, out int length)
    {
        length = r < 0 ? 0 : (int)r;
        return r < 0 ? Marshal.GetLastPInvokeError() : 0;
    }

    static ReadOnlySpan<byte> CString(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || s[^1] != 0) throw new ArgumentException("a path or attribute name passed to Xattrs must end with a NUL byte");
        return s;
    }
}
