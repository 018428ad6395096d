using Cais.Linux;

namespace Cais.Images.Layers;

/// <summary>
/// rm -rf of one name in a directory fd, never following a symbolic link: links are unlinked,
/// directories are opened O_NOFOLLOW and emptied, all relative to fds.
/// </summary>
internal static class TreeRemover
{
    /// <summary>Removes <paramref name="name"/> (NUL-terminated) in <paramref name="dirFd"/>; false if it did not exist.</summary>
    public static bool Remove(int dirFd, ReadOnlySpan<byte> name, string pathForErrors)
    {
        int errno = FileOps.TryUnlinkAt(dirFd, name, 0);
        if (errno == 0) return true;
        if (errno == Errno.ENOENT) return false;
        if (errno != Errno.EISDIR) throw new SyscallException("unlinkat", pathForErrors, errno);
        RemoveDirectory(dirFd, name, pathForErrors);
        return true;
    }

    static void RemoveDirectory(int dirFd, ReadOnlySpan<byte> name, string pathForErrors)
    {
        int errno = FileOps.TryOpenAt(dirFd, name, Flags.O_RDONLY | FileOps.O_DIRECTORY | FileOps.O_NOFOLLOW, 0, out int fd);
        if (errno != 0) throw new SyscallException("openat", pathForErrors, errno);
        try
        {
            // Read the whole listing before unlinking: removing names while getdents walks
            // the directory may make it skip some.
            foreach (var child in ListNames(fd, pathForErrors))
                Remove(fd, child, pathForErrors + "/" + System.Text.Encoding.UTF8.GetString(child.AsSpan(0, child.Length - 1)));
        }
        finally
        {
            Fds.Close(fd);
        }
        errno = FileOps.TryUnlinkAt(dirFd, name, FileOps.AT_REMOVEDIR);
        if (errno != 0) throw new SyscallException("unlinkat", pathForErrors, errno);
    }

    /// <summary>The names in a directory fd (opened O_RDONLY|O_DIRECTORY), each NUL-terminated, "." and ".." left out.</summary>
    public static List<byte[]> ListNames(int fd, string pathForErrors)
    {
        var names = new List<byte[]>();
        var buffer = new byte[32 * 1024];
        while (true)
        {
            int errno = FileOps.TryReadDirectory(fd, buffer, out int length);
            if (errno != 0) throw new SyscallException("getdents64", pathForErrors, errno);
            if (length == 0) return names;
            int offset = 0;
            while (FileOps.NextDirEntry(buffer.AsSpan(0, length), ref offset, out var name, out _, out _))
            {
                if (name is [(byte)'.'] or [(byte)'.', (byte)'.']) continue;
                var copy = new byte[name.Length + 1];
                name.CopyTo(copy);
                names.Add(copy);
            }
        }
    }
}
