using System.Security.Cryptography;
using System.Text;
using Cais.Linux;

namespace Cais.Images.Tests.Layers;

/// <summary>
/// A directory tree as text, one line per entry in path order: type, mode, owner, whole-second
/// mtime, size and content hash, link text, device numbers, xattrs, and hard-link groups.
/// Two trees are alike when their snapshots are equal.
/// </summary>
internal static class TreeSnapshot
{
    public static string Take(string root, bool times = true)
    {
        var lines = new List<string>();
        var firstByInode = new Dictionary<ulong, string>();
        Walk(root, "", lines, firstByInode, times);
        return string.Join('\n', lines);
    }

    public static FileStatus Stat(string path)
    {
        int errno = FileOps.TryStatAt(Flags.AT_FDCWD, Z(path), Flags.AT_SYMLINK_NOFOLLOW, out var st);
        if (errno != 0) throw new SyscallException("statx", path, errno);
        return st;
    }

    public static bool Exists(string path) => FileOps.TryStatAt(Flags.AT_FDCWD, Z(path), Flags.AT_SYMLINK_NOFOLLOW, out _) == 0;

    /// <summary>The xattrs of a path (not following a link), values as hex.</summary>
    public static SortedDictionary<string, string> Xattrs(string path)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var names = new byte[65536];
        if (Cais.Linux.Xattrs.TryListLink(Z(path), names, out int length) != 0) return result;
        foreach (var name in Encoding.UTF8.GetString(names, 0, length).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var value = new byte[65536];
            if (Cais.Linux.Xattrs.TryGetLink(Z(path), Z(name), value, out int n) == 0)
                result[name] = Convert.ToHexString(value, 0, n);
        }
        return result;
    }

    public static byte[] Z(string s) => Encoding.UTF8.GetBytes(s + "\0");

    static void Walk(string root, string rel, List<string> lines, Dictionary<ulong, string> firstByInode, bool times)
    {
        var dir = rel.Length == 0 ? root : Path.Combine(root, rel);
        var names = Directory.EnumerateFileSystemEntries(dir).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var relPath = rel.Length == 0 ? name! : rel + "/" + name;
            var full = Path.Combine(root, relPath);
            var st = Stat(full);
            var sb = new StringBuilder();
            sb.Append(relPath).Append(' ').Append(TypeName(st)).Append(' ').Append(Convert.ToString(st.Mode & 0xFFF, 8));
            sb.Append(' ').Append(st.Uid).Append(':').Append(st.Gid);
            if (times && !st.IsSymbolicLink) sb.Append(" mtime=").Append(st.MtimeSeconds);
            if (st.IsRegularFile)
            {
                sb.Append(" size=").Append(st.Size).Append(" sha=");
                sb.Append(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(full)))[..16]);
            }
            if (st.IsSymbolicLink) sb.Append(" -> ").Append(new FileInfo(full).LinkTarget);
            if (st.FileType is Flags.S_IFCHR or Flags.S_IFBLK) sb.Append($" dev={st.RdevMajor},{st.RdevMinor}");
            foreach (var (k, v) in Xattrs(full)) sb.Append($" {k}={v}");
            if (!st.IsDirectory && st.LinkCount > 1)
            {
                if (firstByInode.TryGetValue(st.Inode, out var first)) sb.Append(" hardlink=").Append(first);
                else firstByInode[st.Inode] = relPath;
            }
            lines.Add(sb.ToString());
            if (st.IsDirectory) Walk(root, relPath, lines, firstByInode, times);
        }
    }

    static string TypeName(FileStatus st) => st.FileType switch
    {
        Flags.S_IFDIR => "dir",
        Flags.S_IFREG => "file",
        FileOps.S_IFLNK => "symlink",
        Flags.S_IFCHR => "char",
        Flags.S_IFBLK => "block",
        Flags.S_IFIFO => "fifo",
        _ => "other",
    };
}
