using System.Text;
using Cais.Linux;

namespace Cais.Images.Layers;

/// <summary>One run of <see cref="LayerDiffer"/>: a depth-first walk over directory fds, each directory's entries sorted by tar name.</summary>
internal sealed partial class DiffSession(LayerTarWriter tar, bool overlay, long? epoch, CancellationToken cancellationToken)
{
    const byte TypeFile = (byte)'0', TypeLink = (byte)'1', TypeSymlink = (byte)'2', TypeChar = (byte)'3',
        TypeBlock = (byte)'4', TypeDir = (byte)'5', TypeFifo = (byte)'6';

    readonly Dictionary<(uint, uint, ulong), byte[]> _links = [];
    readonly CString _proc = new();
    byte[] _linkTarget = new byte[4096];
    string _root = "";
    int _entries;

    /// <summary>Tar names (without a trailing slash) to leave out, subtree and all.</summary>
    public IReadOnlySet<string>? Exclude { get; init; }

    enum Kind { Plain, Whiteout, OpaqueMarker }

    // A directory's child: Key is its tar name's last part (with "/" for a directory), by
    // which siblings sort; Name is the name on disk, NUL-terminated.
    sealed record Child(byte[] Key, byte[] Name, FileStatus Status, Kind Kind);

    static readonly Comparison<Child> ByKey = (a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key);

    public int Run(string root)
    {
        _root = root;
        int errno = FileOps.TryOpenAt(Flags.AT_FDCWD, Encoding.UTF8.GetBytes(root + "\0"), Flags.O_RDONLY | FileOps.O_DIRECTORY, 0, out int fd);
        if (errno != 0) throw new SyscallException("open", root, errno);
        try
        {
            errno = FileOps.TryStatAt(fd, [0], Flags.AT_EMPTY_PATH, out var status);
            if (errno != 0) throw new SyscallException("statx", root, errno);
            var attributes = ReadXattrs(fd, default, root);
            WalkDirectory(fd, [], status, attributes.Opaque, root);
        }
        finally
        {
            Fds.Close(fd);
        }
        tar.Finish();
        return _entries;
    }

    void WalkDirectory(int dirFd, byte[] prefix, FileStatus dirStatus, bool opaque, string dirPath)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var names = TreeRemover.ListNames(dirFd, dirPath);
        var children = new List<Child>(names.Count + 1);
        foreach (var name in names)
        {
            int errno = FileOps.TryStatAt(dirFd, name, Flags.AT_SYMLINK_NOFOLLOW, out var status);
            if (errno == Errno.ENOENT) continue; // removed since the listing
            if (errno != 0) throw new SyscallException("statx", ChildPath(dirPath, name), errno);
            var bare = name.AsSpan(0, name.Length - 1);
            switch (status.FileType)
            {
                case FileOps.S_IFSOCK:
                    continue;
                case Flags.S_IFDIR:
                    children.Add(new([.. bare, (byte)'/'], name, status, Kind.Plain));
                    break;
                case Flags.S_IFCHR when overlay && status.RdevMajor == 0 && status.RdevMinor == 0:
                    children.Add(new([.. ".wh."u8, .. bare], name, status, Kind.Whiteout));
                    break;
                default:
                    children.Add(new(bare.ToArray(), name, status, Kind.Plain));
                    break;
            }
        }
        if (opaque) children.Add(new(Encoding.ASCII.GetBytes(Whiteouts.OpaqueMarker), [0], dirStatus, Kind.OpaqueMarker));
        children.Sort(ByKey);

        foreach (var child in children)
        {
            byte[] tarName = [.. prefix, .. child.Key];
            if (Exclude is not null && Exclude.Contains(Encoding.UTF8.GetString(tarName).TrimEnd('/'))) continue;
            switch (child.Kind)
            {
                case Kind.Whiteout:
                    // Docker's form: an empty regular file, 0600, the device's owner and time.
                    WriteEmpty(tarName, 0x180, child.Status);
                    break;
                case Kind.OpaqueMarker:
                    WriteEmpty(tarName, dirStatus.Mode & 0x1FF, dirStatus);
                    break;
                default:
                    WriteEntry(dirFd, tarName, child, ChildPath(dirPath, child.Name));
                    break;
            }
        }
    }

    void WriteEntry(int dirFd, byte[] tarName, Child child, string path)
    {
        var st = child.Status;
        var h = new TarHeader { Name = tarName, Mode = st.Mode, Uid = st.Uid, Gid = st.Gid, Mtime = Clamp(st.MtimeSeconds) };
        if (!st.IsDirectory && st.LinkCount > 1)
        {
            var inode = (st.DeviceMajor, st.DeviceMinor, st.Inode);
            if (_links.TryGetValue(inode, out var first))
            {
                h.Type = TypeLink;
                h.LinkName = first;
                Emit(h);
                return;
            }
            _links[inode] = tarName;
        }
        switch (st.FileType)
        {
            case Flags.S_IFREG:
                WriteFile(dirFd, child.Name, h, st, path);
                return;
            case Flags.S_IFDIR:
                WriteDirectory(dirFd, child.Name, h, st, path);
                return;
            case FileOps.S_IFLNK:
                h.Type = TypeSymlink;
                h.LinkName = ReadLink(dirFd, child.Name, path);
                break;
            case Flags.S_IFCHR or Flags.S_IFBLK:
                h.Type = st.FileType == Flags.S_IFCHR ? TypeChar : TypeBlock;
                h.DevMajor = st.RdevMajor;
                h.DevMinor = st.RdevMinor;
                break;
            case Flags.S_IFIFO:
                h.Type = TypeFifo;
                break;
            default:
                return;
        }
        h.Xattrs = ReadXattrs(-1, _proc.InFd(dirFd, child.Name), path).List;
        Emit(h);
    }

    void WriteFile(int dirFd, byte[] name, TarHeader h, FileStatus st, string path)
    {
        int errno = FileOps.TryOpenAt(dirFd, name, Flags.O_RDONLY | FileOps.O_NOFOLLOW, 0, out int fd);
        if (errno != 0) throw new SyscallException("openat", path, errno);
        try
        {
            var attributes = ReadXattrs(fd, default, path);
            if (attributes.Metacopy)
                throw new LayerException(null, $"{path} is an overlayfs metacopy file (no data in the upper layer); mount with metacopy=off");
            h.Type = TypeFile;
            h.Size = st.Size;
            h.Xattrs = attributes.List;
            Emit(h);
            tar.WriteFileData(fd, st.Size, path);
        }
        finally
        {
            Fds.Close(fd);
        }
    }

    void WriteDirectory(int dirFd, byte[] name, TarHeader h, FileStatus st, string path)
    {
        int errno = FileOps.TryOpenAt(dirFd, name, Flags.O_RDONLY | FileOps.O_DIRECTORY | FileOps.O_NOFOLLOW, 0, out int fd);
        if (errno != 0) throw new SyscallException("openat", path, errno);
        try
        {
            var attributes = ReadXattrs(fd, default, path);
            if (attributes.Redirect)
                throw new LayerException(null, $"{path} is an overlayfs redirect (a renamed directory); mount with redirect_dir=off");
            h.Type = TypeDir;
            h.Xattrs = attributes.List;
            var tarName = h.Name.ToArray();
            Emit(h);
            WalkDirectory(fd, tarName, st, attributes.Opaque, path);
        }
        finally
        {
            Fds.Close(fd);
        }
    }

    void WriteEmpty(byte[] tarName, int mode, FileStatus st) =>
        Emit(new TarHeader { Name = tarName, Type = TypeFile, Mode = mode, Uid = st.Uid, Gid = st.Gid, Mtime = Clamp(st.MtimeSeconds) });

    void Emit(scoped in TarHeader h)
    {
        tar.WriteHeader(h);
        _entries++;
    }

    byte[] ReadLink(int dirFd, byte[] name, string path)
    {
        while (true)
        {
            int errno = FileOps.TryReadLinkAt(dirFd, name, _linkTarget, out int length);
            if (errno != 0) throw new SyscallException("readlinkat", path, errno);
            if (length < _linkTarget.Length) return _linkTarget.AsSpan(0, length).ToArray();
            _linkTarget = new byte[_linkTarget.Length * 2];
        }
    }

    long Clamp(long mtime) => epoch is { } e && mtime > e ? e : mtime;

    string ChildPath(string dir, byte[] name) => $"{dir}/{Encoding.UTF8.GetString(name.AsSpan(0, name.Length - 1))}";
}
