using System.Text;
using Cais.Api.Models.Containers;
using Cais.Linux;

namespace Cais.Engine.Changes;

/// <summary>One line of `docker diff`: a path of the container's filesystem and what happened to it.</summary>
public readonly record struct FileChange(string Path, ChangeKind Kind);

/// <summary>
/// What a container changed in its filesystem, read from its overlay upper directory against the
/// image's lower directories, the way Docker's overlay2 driver reports it.
/// </summary>
/// <remarks>
/// <para>
/// Walking the upper directory in byte order of names: a 0/0 character device is a whiteout, so
/// its path was deleted; an opaque directory that the image has was deleted too (and whatever is
/// in it now shows as added or changed); any other entry is added, or changed when a lower layer
/// has the path, except a directory whose size, mode and modification time match the lower one
/// (it was only copied up on the way to something below it).
/// </para>
/// <para>
/// The parent of an added or deleted path is listed as changed just before it, unless listed
/// already. Paths in <c>mountPoints</c> (the files and directories the engine mounts over, made in
/// the upper directory by the runtime when the image lacks them) are not changes of the user's:
/// they are skipped, and so is a directory that differs from the image only because one was made
/// in it. Docker keeps them in an extra "init" layer instead and so never lists them either.
/// </para>
/// </remarks>
public static class OverlayChanges
{
    public static List<FileChange> Compute(string upperDir, IReadOnlyList<string> lowerDirs, IReadOnlySet<string> mountPoints)
    {
        var walk = new Walk(upperDir, lowerDirs, mountPoints);
        walk.Directory("/");
        return walk.Changes;
    }

    sealed class Walk(string upper, IReadOnlyList<string> lowers, IReadOnlySet<string> mountPoints)
    {
        public readonly List<FileChange> Changes = [];
        readonly HashSet<string> listedDirs = new(StringComparer.Ordinal);

        public void Directory(string dir)
        {
            foreach (var name in Names(Host(dir)))
            {
                var path = dir == "/" ? "/" + name : dir + "/" + name;
                if (Stat(Host(path)) is not { } status) continue; // gone since the listing
                Entry(path, status);
                if (status.IsDirectory) Directory(path);
            }
        }

        void Entry(string path, FileStatus status)
        {
            if (mountPoints.Contains(path) && IsPlaceholder(status)) return;
            ChangeKind kind;
            if (IsWhiteout(status) || (status.IsDirectory && IsOpaque(Host(path)) && InLower(path) is not null))
            {
                kind = ChangeKind.Deleted;
            }
            else if (status.IsDirectory && OnlyMountPointsInside(path))
            {
                return; // made or copied up only to hold mount points
            }
            else if (InLower(path) is not { } lower)
            {
                kind = ChangeKind.Added;
            }
            else if (status.IsDirectory && lower.IsDirectory && SameDirectory(status, lower))
            {
                return; // copied up for what is below it; listed as the parent of a change if need be
            }
            else
            {
                kind = ChangeKind.Modified;
            }
            if (status.IsDirectory) listedDirs.Add(path);
            if (kind is ChangeKind.Added or ChangeKind.Deleted)
            {
                var parent = Parent(path);
                if (parent != "/" && listedDirs.Add(parent)) Changes.Add(new FileChange(parent, ChangeKind.Modified));
            }
            Changes.Add(new FileChange(path, kind));
        }

        string Host(string path) => path == "/" ? upper : upper + path;

        FileStatus? InLower(string path)
        {
            foreach (var lower in lowers)
                if (Stat(lower + path) is { } status) return status;
            return null;
        }

        /// <summary>Docker's test: same size, mode and mtime (nanoseconds compared only when both have them).</summary>
        static bool SameDirectory(FileStatus a, FileStatus b) =>
            a.Size == b.Size && a.Mode == b.Mode && a.MtimeSeconds == b.MtimeSeconds
            && (a.MtimeNanoseconds == b.MtimeNanoseconds || a.MtimeNanoseconds == 0 || b.MtimeNanoseconds == 0);

        /// <summary>A directory that holds nothing but engine mount points (placeholders, or directories of them).</summary>
        bool OnlyMountPointsInside(string dir)
        {
            var names = Names(Host(dir));
            if (names.Count == 0) return false;
            foreach (var name in names)
            {
                var path = dir + "/" + name;
                if (Stat(Host(path)) is not { } status) continue;
                if (mountPoints.Contains(path) && IsPlaceholder(status)) continue;
                if (status.IsDirectory && OnlyMountPointsInside(path)) continue;
                return false;
            }
            return true;
        }

        /// <summary>An empty file or directory, as the runtime makes to mount over.</summary>
        bool IsPlaceholder(FileStatus status) =>
            (status.IsRegularFile && status.Size == 0) || status.IsDirectory;

        static bool IsWhiteout(FileStatus s) => s.FileType == Flags.S_IFCHR && s.RdevMajor == 0 && s.RdevMinor == 0;

        static bool IsOpaque(string hostPath)
        {
            Span<byte> value = stackalloc byte[8];
            var path = NulTerminated(hostPath);
            foreach (var name in new[] { "trusted.overlay.opaque\0"u8.ToArray(), "user.overlay.opaque\0"u8.ToArray() })
                if (Xattrs.TryGetLink(path, name, value, out int length) == 0 && length == 1 && value[0] == (byte)'y') return true;
            return false;
        }

        static FileStatus? Stat(string hostPath) =>
            FileOps.TryStatAt(Flags.AT_FDCWD, NulTerminated(hostPath), Flags.AT_SYMLINK_NOFOLLOW, out var status) == 0 ? status : null;

        static List<string> Names(string hostDir)
        {
            try
            {
                var names = System.IO.Directory.EnumerateFileSystemEntries(hostDir).Select(System.IO.Path.GetFileName).OfType<string>().ToList();
                // Go's filepath.Walk order: names compared byte by byte.
                names.Sort((a, b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b)));
                return names;
            }
            catch (DirectoryNotFoundException)
            {
                return [];
            }
        }

        static string Parent(string path)
        {
            int slash = path.LastIndexOf('/');
            return slash <= 0 ? "/" : path[..slash];
        }

        static byte[] NulTerminated(string path) => Encoding.UTF8.GetBytes(path + "\0");
    }
}
