using Cais.Linux;

namespace Cais.Images.Layers;

// Extended attributes of the entries being written.
internal sealed partial class DiffSession
{
    byte[] _names = new byte[4096];
    byte[] _value = new byte[4096];

    readonly record struct Attributes(List<KeyValuePair<byte[], byte[]>>? List, bool Opaque, bool Redirect, bool Metacopy);

    /// <summary>
    /// The xattrs to write for a file (by <paramref name="fd"/>, or by <paramref name="path"/>
    /// when fd is -1), leaving out overlayfs's own and security.selinux, and what the overlay
    /// ones say about the directory or file.
    /// </summary>
    Attributes ReadXattrs(int fd, ReadOnlySpan<byte> path, string pathForErrors)
    {
        int length;
        while (true)
        {
            int errno = fd >= 0 ? Xattrs.TryList(fd, _names, out length) : Xattrs.TryListLink(path, _names, out length);
            if (errno == 0) break;
            if (errno == Errno.EOPNOTSUPP) return default;
            if (errno != Errno.ERANGE) throw new SyscallException("listxattr", pathForErrors, errno);
            errno = fd >= 0 ? Xattrs.TryList(fd, [], out length) : Xattrs.TryListLink(path, [], out length);
            if (errno != 0) throw new SyscallException("listxattr", pathForErrors, errno);
            _names = new byte[Math.Max(length, _names.Length * 2)];
        }
        if (length == 0) return default;

        List<KeyValuePair<byte[], byte[]>>? list = null;
        bool opaque = false, redirect = false, metacopy = false;
        var names = _names.AsSpan(0, length).ToArray(); // _value reads below may not disturb it
        int start = 0;
        while (start < names.Length)
        {
            int end = Array.IndexOf(names, (byte)0, start);
            if (end < 0) end = names.Length;
            var name = names.AsSpan(start, end - start);
            var nameZ = names.AsSpan(start, Math.Min(end + 1, names.Length) - start);
            start = end + 1;
            if (name.StartsWith("trusted.overlay."u8) || name.StartsWith("user.overlay."u8))
            {
                if (!overlay) continue;
                var key = name[(name.IndexOf("overlay."u8) + 8)..];
                if (key.SequenceEqual("opaque"u8)) opaque = GetValue(fd, path, nameZ, pathForErrors).SequenceEqual("y"u8);
                else if (key.SequenceEqual("redirect"u8)) redirect = true;
                else if (key.SequenceEqual("metacopy"u8)) metacopy = true;
                continue;
            }
            if (name.SequenceEqual("security.selinux"u8)) continue;
            var value = GetValue(fd, path, nameZ, pathForErrors);
            list ??= [];
            list.Add(new(name.ToArray(), value.ToArray()));
        }
        list?.Sort((a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
        return new(list, opaque, redirect, metacopy);
    }

    ReadOnlySpan<byte> GetValue(int fd, ReadOnlySpan<byte> path, ReadOnlySpan<byte> name, string pathForErrors)
    {
        while (true)
        {
            int errno = fd >= 0 ? Xattrs.TryGet(fd, name, _value, out int length) : Xattrs.TryGetLink(path, name, _value, out length);
            if (errno == 0) return _value.AsSpan(0, length);
            if (errno == Errno.ENODATA) return default; // removed since the listing
            if (errno != Errno.ERANGE) throw new SyscallException("getxattr", pathForErrors, errno);
            errno = fd >= 0 ? Xattrs.TryGet(fd, name, [], out length) : Xattrs.TryGetLink(path, name, [], out length);
            if (errno != 0) throw new SyscallException("getxattr", pathForErrors, errno);
            _value = new byte[Math.Max(length, _value.Length * 2)];
        }
    }
}
