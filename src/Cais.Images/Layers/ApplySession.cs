using System.Formats.Tar;
using Cais.Linux;

namespace Cais.Images.Layers;

/// <summary>One run of <see cref="LayerApplier.Apply"/>: the target's fds, buffers and deferred work.</summary>
internal sealed partial class ApplySession : IDisposable
{
    readonly string _target;
    readonly ApplyOptions _options;
    readonly int _root;
    readonly ParentDirs _dirs;
    readonly byte[] _copy = new byte[1 << 20];
    readonly CString _name = new(), _other = new(), _proc = new();
    readonly List<DeferredDirectory> _directories = [];
    readonly HashSet<string>? _unpacked;
    readonly List<string> _warnings = [];
    long _unpackedSize;
    int _entryCount;
    string? _previous; // the last entry read, for errors in what follows it

    // A directory's mode and times, set once nothing more is written into it.
    readonly record struct DeferredDirectory(string Path, int Mode, FileOps.Timespec Mtime);

    public ApplySession(string targetDir, ApplyOptions options)
    {
        _target = Path.GetFullPath(targetDir);
        _options = options;
        int errno = FileOps.TryOpenAt(Flags.AT_FDCWD, _name.Set(_target), Flags.O_PATH | FileOps.O_DIRECTORY, 0, out _root);
        if (errno != 0) throw new SyscallException("open", _target, errno);
        _dirs = new ParentDirs(_root, _target);
        if (options.WhiteoutMode == WhiteoutMode.Delete) _unpacked = new(StringComparer.Ordinal);
    }

    public ApplyResult Run(TarSource source, CancellationToken cancellationToken)
    {
        try
        {
            if (!source.IsEmpty()) ReadEntries(source, cancellationToken);
            source.DrainToEnd();
        }
        catch (Exception e) when (IsMalformed(e))
        {
            // The decompressor failing before the first entry or after the last.
            throw new LayerFormatException(_previous is null ? null : $"after {_previous}", Describe(e), e);
        }
        FinishDirectories();
        if (_options.Sync)
        {
            int errno = FileOps.TrySyncFileSystem(_root);
            if (errno != 0) throw new SyscallException("syncfs", _target, errno);
        }
        return new ApplyResult(source.Digest(), _unpackedSize) { EntryCount = _entryCount, Warnings = _warnings };
    }

    void ReadEntries(TarSource source, CancellationToken cancellationToken)
    {
        using var reader = new TarReader(source, leaveOpen: true);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _dirs.BeginEntry();
            source.BeginCapture();
            TarEntry? entry;
            try
            {
                entry = reader.GetNextEntry(copyData: false);
            }
            catch (Exception e) when (IsMalformed(e))
            {
                throw new LayerFormatException(_previous is null ? null : $"after {_previous}", Describe(e), e);
            }
            var xattrs = TarHeaderBlocks.Check(source.EndCapture(), source.CaptureStart, _previous);
            if (entry is null) return;
            _entryCount++;
            try
            {
                ApplyEntry(entry, xattrs);
                // Leave nothing of this entry for the next GetNextEntry to skip, so the next
                // capture holds only padding and headers.
                if (entry.DataStream is { } data) while (data.Read(_copy) > 0) { }
            }
            catch (Exception e) when (IsMalformed(e))
            {
                throw new LayerFormatException(entry.Name, Describe(e), e);
            }
            _previous = entry.Name;
        }
    }

    // What a broken archive makes TarReader, the decompressors or the data stream throw.
    static bool IsMalformed(Exception e) => e is EndOfStreamException or InvalidDataException or FormatException
        or NotSupportedException or ArgumentException or OverflowException or ZstdSharp.ZstdException;

    static string Describe(Exception e) => e switch
    {
        EndOfStreamException => "the archive ends in the middle of an entry (truncated)",
        _ => $"malformed archive: {e.Message}",
    };

    void ApplyEntry(TarEntry entry, List<KeyValuePair<string, byte[]>>? xattrs)
    {
        var type = entry.EntryType;
        if (type == TarEntryType.GlobalExtendedAttributes) return; // ignored, as Docker does
        string name = entry.Name;
        long sparseSize = -1;
        if (entry is PaxTarEntry pax && SparseEntries.IsSparse(pax, out var realName, out sparseSize))
            name = realName;
        if (name.Contains('\0') || entry.LinkName.Contains('\0'))
            throw new LayerFormatException(entry.Name, "a name holds a NUL byte");

        string path = TarPath.Clean(name)
            ?? throw new LayerSecurityException(entry.Name, "the path climbs above the layer root");
        if (type is TarEntryType.RegularFile or TarEntryType.V7RegularFile && name.EndsWith('/'))
            type = TarEntryType.Directory; // old tars mark directories by the trailing slash only
        if (path.Length == 0)
        {
            ApplyRoot(entry, type, xattrs);
            return;
        }
        var (parent, baseName) = TarPath.Split(path);
        if (IsAufsMetadata(path, baseName)) return;
        if (baseName.StartsWith(Whiteouts.Prefix, StringComparison.Ordinal))
        {
            ApplyWhiteout(entry, parent, baseName);
            return;
        }
        MarkUnpacked(path);

        int dirFd = _dirs.Open(parent, create: true, entry.Name);
        var nameBytes = _name.Set(baseName);
        switch (type)
        {
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                WriteFile(entry, dirFd, nameBytes, path, xattrs, sparseSize);
                break;
            case TarEntryType.Directory:
                MakeDirectory(entry, dirFd, nameBytes, path, xattrs);
                break;
            case TarEntryType.SymbolicLink:
                MakeSymbolicLink(entry, dirFd, nameBytes, path, xattrs);
                break;
            case TarEntryType.HardLink:
                MakeHardLink(entry, dirFd, nameBytes, path);
                break;
            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                MakeNode(entry, type, dirFd, nameBytes, path, xattrs);
                break;
            default:
                throw new LayerFormatException(entry.Name, $"entry type {type} is not supported in a layer");
        }
    }

    // AUFS's own bookkeeping (.wh..wh.plnk, .wh..wh.aufs): skipped, as Docker skips it.
    static bool IsAufsMetadata(string path, string baseName) =>
        (path.StartsWith(Whiteouts.MetaPrefix, StringComparison.Ordinal) || baseName.StartsWith(Whiteouts.MetaPrefix, StringComparison.Ordinal))
        && baseName != Whiteouts.OpaqueMarker;

    // Delete mode needs to know what this layer brought, for opaque directories.
    void MarkUnpacked(string path)
    {
        if (_unpacked is null) return;
        while (_unpacked.Add(path))
        {
            int slash = path.LastIndexOf('/');
            if (slash < 0) return;
            path = path[..slash];
        }
    }

    // "./" in the archive: the target directory itself takes its owner, mode, times, xattrs.
    void ApplyRoot(TarEntry entry, TarEntryType type, List<KeyValuePair<string, byte[]>>? xattrs)
    {
        if (type != TarEntryType.Directory)
            throw new LayerFormatException(entry.Name, $"names the layer root but is a {type}, not a directory");
        var dot = _name.Set(".");
        ChownAt(_root, dot, entry, _target);
        SetDirectoryXattrs(_root, dot, xattrs, _target);
        _directories.Add(new("", Mode(entry), Time(entry.ModificationTime)));
    }

    void FinishDirectories()
    {
        const long Resolve = Flags.RESOLVE_BENEATH | Flags.RESOLVE_NO_SYMLINKS | Flags.RESOLVE_NO_MAGICLINKS;
        foreach (var d in _directories)
        {
            // Opened afresh, never through a link: a later entry may have replaced it.
            int errno = FileOps.TryOpenAt2(_root, _name.Set(d.Path.Length == 0 ? "." : d.Path),
                Flags.O_RDONLY | FileOps.O_DIRECTORY, Resolve, out int fd);
            if (errno is Errno.ENOENT or Errno.ENOTDIR or Errno.ELOOP) continue;
            Check(errno, "openat2", d.Path);
            try
            {
                Check(FileOps.TryChmod(fd, d.Mode), "fchmod", d.Path);
                Check(FileOps.TryUtimens(fd, d.Mtime, d.Mtime), "futimens", d.Path);
            }
            finally
            {
                Fds.Close(fd);
            }
        }
    }

    static int Mode(TarEntry entry) => (int)entry.Mode & 0xFFF;

    static FileOps.Timespec Time(DateTimeOffset time)
    {
        long ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        long seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long rest);
        if (rest < 0)
        {
            seconds--;
            rest += TimeSpan.TicksPerSecond;
        }
        return new(seconds, rest * 100);
    }

    // A failed call, named with the full path (built only then: this runs per entry).
    void Check(int errno, string syscall, string path)
    {
        if (errno != 0) throw new SyscallException(syscall, Full(path), errno);
    }

    string Full(string path) => Path.Join(_target, path);

    public void Dispose()
    {
        _dirs.Dispose();
        Fds.Close(_root);
    }
}
