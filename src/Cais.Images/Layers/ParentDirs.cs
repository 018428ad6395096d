using Cais.Linux;

namespace Cais.Images.Layers;

/// <summary>
/// Directory fds inside the layer root, by relative path, resolved so that nothing is ever
/// reached through a symbolic link: openat2 with RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS refuses
/// any link on the way (ELOOP), and cais then refuses the entry. Docker instead follows such a
/// link inside the root; cais refuses, because a layer that writes through a link it made is
/// either broken or hostile, and a refusal cannot be turned into a write elsewhere.
/// </summary>
/// <remarks>
/// fds are cached (tar entries come grouped by directory, so most entries reuse the last one).
/// When a directory is removed the cache is invalidated; the fds are closed only at the next
/// entry, since the current entry may still hold one.
/// </remarks>
internal sealed class ParentDirs : IDisposable
{
    const long Resolve = Flags.RESOLVE_BENEATH | Flags.RESOLVE_NO_SYMLINKS | Flags.RESOLVE_NO_MAGICLINKS;
    const int MaxCached = 256;

    readonly int _root;
    readonly string _rootPath;
    readonly Dictionary<string, int> _fds = new(StringComparer.Ordinal);
    readonly List<int> _retired = [];
    readonly CString _path = new();
    string? _lastPath;
    int _lastFd;

    public ParentDirs(int rootFd, string rootPath)
    {
        _root = rootFd;
        _rootPath = rootPath;
    }

    static int DirFlags => Flags.O_PATH | FileOps.O_DIRECTORY;

    /// <summary>Call before each entry: closes what was invalidated, and trims the cache.</summary>
    public void BeginEntry()
    {
        foreach (var fd in _retired) Fds.Close(fd);
        _retired.Clear();
        if (_fds.Count >= MaxCached) Invalidate();
    }

    /// <summary>Forget every cached fd: a directory was removed, a path may now name another.</summary>
    public void Invalidate()
    {
        _retired.AddRange(_fds.Values);
        _fds.Clear();
        _lastPath = null;
    }

    /// <summary>
    /// An O_PATH fd of the directory <paramref name="path"/> ("" is the root), owned by the
    /// cache. With <paramref name="create"/>, missing directories are made (0755, as Docker
    /// makes implied parents); without, -1 when it does not exist.
    /// </summary>
    public int Open(string path, bool create, string entry)
    {
        if (path.Length == 0) return _root;
        if (_lastPath is not null && string.Equals(path, _lastPath, StringComparison.Ordinal)) return _lastFd;
        if (!_fds.TryGetValue(path, out int fd))
        {
            int errno = FileOps.TryOpenAt2(_root, _path.Set(path), DirFlags, Resolve, out fd);
            if (errno == Errno.ENOENT && create)
                fd = Create(path, entry);
            else if (errno != 0)
                return Fail(errno, path, create, entry);
            _fds[path] = fd;
        }
        _lastPath = path;
        _lastFd = fd;
        return fd;
    }

    // Walks down from the root making each missing component, caching each on the way.
    int Create(string path, string entry)
    {
        int parent = _root;
        int slash = -1;
        while (true)
        {
            int next = path.IndexOf('/', slash + 1);
            string prefix = next < 0 ? path : path[..next];
            string name = next < 0 ? path[(slash + 1)..] : path[(slash + 1)..next];
            if (!_fds.TryGetValue(prefix, out int fd))
            {
                var bytes = _path.Set(name);
                int errno = FileOps.TryOpenAt2(parent, bytes, DirFlags, Resolve, out fd);
                if (errno == Errno.ENOENT)
                {
                    errno = FileOps.TryMkdirAt(parent, bytes, 0x1ED);
                    if (errno is not (0 or Errno.EEXIST)) throw new SyscallException("mkdirat", Full(prefix), errno);
                    errno = FileOps.TryOpenAt2(parent, _path.Set(name), DirFlags, Resolve, out fd);
                }
                if (errno != 0) Fail(errno, prefix, create: true, entry);
                _fds[prefix] = fd;
            }
            if (next < 0) return fd;
            parent = fd;
            slash = next;
        }
    }

    int Fail(int errno, string path, bool create, string entry)
    {
        if (errno is Errno.ELOOP or Errno.EXDEV)
            throw new LayerSecurityException(entry, $"\"{path}\" is or goes through a symbolic link; cais never writes through one");
        if (errno == Errno.ENOTDIR)
        {
            if (!create) return -1;
            throw new LayerException(entry, $"\"{path}\" is not a directory");
        }
        if (errno == Errno.ENOENT && !create) return -1;
        throw new SyscallException("openat2", Full(path), errno);
    }

    string Full(string path) => Path.Join(_rootPath, path);

    public void Dispose()
    {
        Invalidate();
        foreach (var fd in _retired) Fds.Close(fd);
        _retired.Clear();
    }
}
