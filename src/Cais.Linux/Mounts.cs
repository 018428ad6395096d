using System.Runtime.InteropServices;
using System.Text;

namespace Cais.Linux;

/// <summary>What is mounted where, read from /proc/self/mountinfo (this process's mount namespace).</summary>
public static partial class Mounts
{
    const string MountInfo = "/proc/self/mountinfo";

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint realpath(string path, nint resolved);

    [LibraryImport("libc")]
    private static partial void free(nint p);

    /// <summary>
    /// True when <paramref name="path"/> (symbolic links resolved) is the mount point of some
    /// mount; false when it is not or does not exist.
    /// </summary>
    public static bool IsMountPoint(string path)
    {
        var canonical = Canonical(path);
        return canonical is not null && MountPoints().Contains(canonical);
    }

    /// <summary>
    /// The mount points at or below <paramref name="root"/> (symbolic links in it resolved),
    /// deepest last in mount order; empty when root does not exist.
    /// </summary>
    public static IReadOnlyList<string> MountPointsUnder(string root)
    {
        var canonical = Canonical(root);
        if (canonical is null) return [];
        var prefix = canonical == "/" ? "/" : canonical + "/";
        return [.. MountPoints().Where(m => m == canonical || m.StartsWith(prefix, StringComparison.Ordinal))];
    }

    /// <summary>Field 5 of every line of /proc/self/mountinfo, unescaped, in mount order.</summary>
    public static List<string> MountPoints()
    {
        var result = new List<string>();
        foreach (var line in File.ReadLines(MountInfo))
        {
            // "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw" (proc(5)).
            int start = 0;
            for (int field = 0; field < 4 && start >= 0; field++)
            {
                start = line.IndexOf(' ', start);
                if (start >= 0) start++;
            }
            if (start < 0) continue;
            int end = line.IndexOf(' ', start);
            result.Add(Unescape(end < 0 ? line[start..] : line[start..end]));
        }
        return result;
    }

    /// <summary>realpath(3); null when the path does not exist.</summary>
    public static string? Canonical(string path)
    {
        nint p = realpath(path, 0);
        if (p == 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is Errno.ENOENT or Errno.ENOTDIR) return null;
            throw new SyscallException("realpath", path, errno);
        }
        try { return Marshal.PtrToStringUTF8(p); }
        finally { free(p); }
    }

    // The kernel writes space, tab, newline and backslash as \ooo (fs/proc_namespace.c, mangle()).
    internal static string Unescape(string s)
    {
        if (!s.Contains('\\')) return s;
        var bytes = new List<byte>(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 3 < s.Length && IsOctal(s[i + 1]) && IsOctal(s[i + 2]) && IsOctal(s[i + 3]))
            {
                bytes.Add((byte)((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0')));
                i += 3;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(s[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }

    static bool IsOctal(char c) => c is >= '0' and <= '7';
}
