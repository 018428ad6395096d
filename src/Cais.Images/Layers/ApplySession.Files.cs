using System.Formats.Tar;
using Cais.Linux;

namespace Cais.Images.Layers;

// The writers, one per kind of entry. Each removes what is in the way first (Docker's rules),
// then sets owner, xattrs, mode and times in that order: chown clears setuid/setgid bits and
// security.capability, so the mode and the attributes come after it; writing data clears
// security.capability too, so attributes come after the data.
internal sealed partial class ApplySession
{
    const int FileCreateFlags = Flags.O_WRONLY | Flags.O_CREAT | Flags.O_EXCL;

    void WriteFile(TarEntry entry, int dirFd, ReadOnlySpan<byte> name, string path, List<KeyValuePair<string, byte[]>>? xattrs, long sparseSize)
    {
        int flags = FileCreateFlags | FileOps.O_NOFOLLOW;
        int errno = FileOps.TryOpenAt(dirFd, name, flags, 0x180, out int fd);
        if (errno == Errno.EEXIST)
        {
            RemoveExisting(dirFd, name, path);
            errno = FileOps.TryOpenAt(dirFd, name, flags, 0x180, out fd);
        }
        Check(errno, "openat", path);
        try
        {
            if (sparseSize >= 0)
            {
                SparseEntries.Write(entry, fd, sparseSize, _copy, Full(path));
                _unpackedSize += sparseSize;
            }
            else
            {
                _unpackedSize += CopyData(entry, fd, path);
            }
            if (_options.PreserveOwnership) Check(FileOps.TryChown(fd, entry.Uid, entry.Gid), "fchown", path);
            if (xattrs is not null)
            {
                foreach (var (key, value) in xattrs)
                    if (!Whiteouts.IsOverlayXattr(key)) XattrResult(Xattrs.TrySet(fd, _other.Set(key), value), key, path);
            }
            Check(FileOps.TryChmod(fd, Mode(entry)), "fchmod", path);
            var mtime = Time(entry.ModificationTime);
            Check(FileOps.TryUtimens(fd, mtime, mtime), "futimens", path);
        }
        finally
        {
            Fds.Close(fd);
        }
    }

    long CopyData(TarEntry entry, int fd, string path)
    {
        if (entry.DataStream is not { } data) return 0;
        long copied = 0;
        int n;
        while ((n = data.Read(_copy)) > 0)
        {
            Check(FileOps.TryWriteAt(fd, _copy.AsSpan(0, n), copied), "pwrite", path);
            copied += n;
        }
        if (copied != entry.Length)
            throw new LayerFormatException(entry.Name, $"the archive ends after {copied} of the entry's {entry.Length} bytes (truncated)");
        return copied;
    }

    void MakeDirectory(TarEntry entry, int dirFd, ReadOnlySpan<byte> name, string path, List<KeyValuePair<string, byte[]>>? xattrs)
    {
        int errno = FileOps.TryMkdirAt(dirFd, name, 0x1C0);
        if (errno == Errno.EEXIST)
        {
            // A directory over a directory: keep it (and what is in it), take the new metadata.
            errno = FileOps.TryStatAt(dirFd, name, Flags.AT_SYMLINK_NOFOLLOW, out var existing);
            if (errno == 0 && !existing.IsDirectory)
            {
                RemoveExisting(dirFd, name, path);
                errno = FileOps.TryMkdirAt(dirFd, name, 0x1C0);
            }
        }
        Check(errno, "mkdirat", path);
        ChownAt(dirFd, name, entry, path);
        SetDirectoryXattrs(dirFd, name, xattrs, path);
        _directories.Add(new(path, Mode(entry), Time(entry.ModificationTime)));
    }

    void MakeSymbolicLink(TarEntry entry, int dirFd, ReadOnlySpan<byte> name, string path, List<KeyValuePair<string, byte[]>>? xattrs)
    {
        var target = _other.Set(entry.LinkName);
        int errno = FileOps.TrySymlinkAt(target, dirFd, name);
        if (errno == Errno.EEXIST)
        {
            RemoveExisting(dirFd, name, path);
            errno = FileOps.TrySymlinkAt(_other.Set(entry.LinkName), dirFd, name);
        }
        Check(errno, "symlinkat", path);
        ChownAt(dirFd, name, entry, path);
        SetXattrsByName(dirFd, name, xattrs, path);
        var mtime = Time(entry.ModificationTime);
        Check(FileOps.TryUtimensAt(dirFd, name, mtime, mtime, Flags.AT_SYMLINK_NOFOLLOW), "utimensat", path);
    }

    // The target must already be inside the root, reached without a symbolic link; its own
    // metadata stands (a hard link has none of its own).
    void MakeHardLink(TarEntry entry, int dirFd, ReadOnlySpan<byte> name, string path)
    {
        string target = TarPath.Clean(entry.LinkName)
            ?? throw new LayerSecurityException(entry.Name, $"hard link target \"{entry.LinkName}\" is outside the layer root");
        if (target.Length == 0) throw new LayerFormatException(entry.Name, "a hard link to the layer root");
        if (target == path) return;
        var (targetParent, targetName) = TarPath.Split(target);
        int targetDirFd = _dirs.Open(targetParent, create: false, entry.Name);
        if (targetDirFd < 0)
            throw new LayerFormatException(entry.Name, $"hard link target \"{entry.LinkName}\" does not exist in the layer");
        var targetBytes = _other.Set(targetName);
        int errno = FileOps.TryLinkAt(targetDirFd, targetBytes, dirFd, name, 0);
        if (errno == Errno.EEXIST)
        {
            RemoveExisting(dirFd, name, path);
            errno = FileOps.TryLinkAt(targetDirFd, _other.Set(targetName), dirFd, name, 0);
        }
        if (errno == Errno.ENOENT)
            throw new LayerFormatException(entry.Name, $"hard link target \"{entry.LinkName}\" does not exist in the layer");
        if (errno == Errno.EPERM)
            throw new LayerFormatException(entry.Name, $"hard link target \"{entry.LinkName}\" is a directory");
        Check(errno, "linkat", path);
    }

    void MakeNode(TarEntry entry, TarEntryType type, int dirFd, ReadOnlySpan<byte> name, string path, List<KeyValuePair<string, byte[]>>? xattrs)
    {
        if (type != TarEntryType.Fifo && !_options.AllowDevices)
            throw new LayerSecurityException(entry.Name, "device nodes are not allowed here (ApplyOptions.AllowDevices is false)");
        int fileType = type switch
        {
            TarEntryType.CharacterDevice => Flags.S_IFCHR,
            TarEntryType.BlockDevice => Flags.S_IFBLK,
            _ => Flags.S_IFIFO,
        };
        ulong device = entry is PosixTarEntry posix && type != TarEntryType.Fifo
            ? FileOps.MakeDevice((uint)posix.DeviceMajor, (uint)posix.DeviceMinor)
            : 0;
        int errno = FileOps.TryMknodAt(dirFd, name, fileType | 0x180, device);
        if (errno == Errno.EEXIST)
        {
            RemoveExisting(dirFd, name, path);
            errno = FileOps.TryMknodAt(dirFd, name, fileType | 0x180, device);
        }
        Check(errno, "mknodat", path);
        ChownAt(dirFd, name, entry, path);
        SetXattrsByName(dirFd, name, xattrs, path);
        Check(FileOps.TryChmodAt(dirFd, name, Mode(entry)), "fchmodat", path);
        var mtime = Time(entry.ModificationTime);
        Check(FileOps.TryUtimensAt(dirFd, name, mtime, mtime, Flags.AT_SYMLINK_NOFOLLOW), "utimensat", path);
    }

    /// <summary>Clears the way for a new entry: unlinks a non-directory, removes a directory tree.</summary>
    void RemoveExisting(int dirFd, ReadOnlySpan<byte> name, string path)
    {
        int errno = FileOps.TryUnlinkAt(dirFd, name, 0);
        if (errno is 0 or Errno.ENOENT) return;
        if (errno != Errno.EISDIR) throw new SyscallException("unlinkat", Full(path), errno);
        TreeRemover.Remove(dirFd, name, Full(path));
        _dirs.Invalidate();
    }

    void ChownAt(int dirFd, ReadOnlySpan<byte> name, TarEntry entry, string path)
    {
        if (_options.PreserveOwnership)
            Check(FileOps.TryChownAt(dirFd, name, entry.Uid, entry.Gid, Flags.AT_SYMLINK_NOFOLLOW), "fchownat", path);
    }

    void SetDirectoryXattrs(int dirFd, ReadOnlySpan<byte> name, List<KeyValuePair<string, byte[]>>? xattrs, string path)
    {
        if (xattrs is null) return;
        int errno = FileOps.TryOpenAt(dirFd, name, Flags.O_RDONLY | FileOps.O_DIRECTORY | FileOps.O_NOFOLLOW, 0, out int fd);
        Check(errno, "openat", path);
        try
        {
            foreach (var (key, value) in xattrs)
                if (!Whiteouts.IsOverlayXattr(key)) XattrResult(Xattrs.TrySet(fd, _other.Set(key), value), key, path);
        }
        finally
        {
            Fds.Close(fd);
        }
    }

    // Links, devices and FIFOs cannot be opened for fsetxattr; lsetxattr on their name in the
    // directory fd (through /proc/self/fd) reaches the entry itself, never a link's target.
    void SetXattrsByName(int dirFd, ReadOnlySpan<byte> name, List<KeyValuePair<string, byte[]>>? xattrs, string path)
    {
        if (xattrs is null) return;
        var procPath = _proc.InFd(dirFd, name);
        foreach (var (key, value) in xattrs)
            if (!Whiteouts.IsOverlayXattr(key)) XattrResult(Xattrs.TrySetLink(procPath, _other.Set(key), value), key, path);
    }

    void XattrResult(int errno, string key, string path)
    {
        if (errno == 0) return;
        if (errno is Errno.EOPNOTSUPP or Errno.EPERM)
        {
            _warnings.Add($"{path}: extended attribute {key} not set ({Errno.Name(errno)})");
            return;
        }
        throw new SyscallException("setxattr", $"{Full(path)} {key}", errno);
    }
}
