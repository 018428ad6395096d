namespace Cais.TestSupport;

/// <summary>
/// Removes a directory tree without ever descending into a mount point, and without throwing.
/// </summary>
/// <remarks>
/// A container test that fails half-way can leave a bind mount inside its bundle, say the
/// host's /sys or a volume. <see cref="Directory.Delete(string, bool)"/> would walk into it and
/// delete host files; this walk skips every mount point listed in /proc/self/mountinfo and
/// leaves it (and the directories above it) in place. Nothing is unmounted.
/// </remarks>
public static class TreeDeleter
{
    /// <summary>Deletes what it safely can; returns true when <paramref name="path"/> is gone.</summary>
    public static bool TryDelete(string path)
    {
        try
        {
            if (!Directory.Exists(path))
            {
                if (File.Exists(path))
                    File.Delete(path);
                return !File.Exists(path);
            }
            var root = Canonical(path);
            var mounts = MountPointsUnder(root);
            return DeleteDirectory(root, mounts) || !Directory.Exists(root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The mount points of this process's mount namespace at or under <paramref name="root"/>.</summary>
    public static HashSet<string> MountPointsUnder(string root)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var prefix = root.TrimEnd('/') + "/";
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            // "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw": field 5 is the mount point.
            var fields = line.Split(' ');
            if (fields.Length < 5)
                continue;
            var mountPoint = UnescapeOctal(fields[4]);
            if (mountPoint == root || mountPoint.StartsWith(prefix, StringComparison.Ordinal))
                result.Add(mountPoint);
        }
        return result;
    }

    static bool DeleteDirectory(string dir, HashSet<string> mounts)
    {
        if (mounts.Contains(dir))
            return false;
        MakeWritable(dir);

        List<FileSystemInfo> entries;
        try
        {
            entries = [.. new DirectoryInfo(dir).EnumerateFileSystemInfos()];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        var complete = true;
        foreach (var entry in entries)
        {
            if (mounts.Contains(entry.FullName))
            {
                complete = false;
            }
            else if (entry is DirectoryInfo && entry.LinkTarget is null)
            {
                complete &= DeleteDirectory(entry.FullName, mounts);
            }
            else
            {
                // Files, symbolic links (never followed), devices, fifos, sockets: unlink.
                try
                {
                    File.Delete(entry.FullName);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    complete = false;
                }
            }
        }

        if (!complete)
            return false;
        try
        {
            Directory.Delete(dir);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    // A non-root owner cannot empty a directory it has made read-only (a rootfs's dr-x------).
    static void MakeWritable(string dir)
    {
        const UnixFileMode needed = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        try
        {
            var mode = FileModes.Get(dir);
            if ((mode & needed) != needed)
                FileModes.Set(dir, mode | needed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    // mountinfo escapes space, tab, newline and backslash as \ooo (fs/proc_namespace.c, mangle()).
    static string UnescapeOctal(string s)
    {
        if (!s.Contains('\\'))
            return s;
        var sb = new System.Text.StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 3 < s.Length && IsOctal(s[i + 1]) && IsOctal(s[i + 2]) && IsOctal(s[i + 3]))
            {
                sb.Append((char)((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0')));
                i += 3;
            }
            else
            {
                sb.Append(s[i]);
            }
        }
        return sb.ToString();
    }

    static bool IsOctal(char c) => c is >= '0' and <= '7';

    // The path with every symbolic link in it resolved, as mountinfo spells mount points.
    static string Canonical(string path)
    {
        var full = Path.GetFullPath(path);
        var resolved = "/";
        foreach (var part in full.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(resolved, part);
            var target = new FileInfo(next).ResolveLinkTarget(returnFinalTarget: true);
            resolved = target is null ? next : Canonical(target.FullName);
        }
        return resolved;
    }
}
