using System.Text;
using Cais.Linux;

namespace Cais.Engine.Changes;

/// <summary>
/// The bytes a directory tree holds, as Docker counts a container's read-write layer (SizeRw):
/// the sizes of everything but directories, each inode once (hard links), symbolic links not
/// followed.
/// </summary>
public static class DirectorySize
{
    public static long Of(string root)
    {
        var seen = new HashSet<(uint, uint, ulong)>();
        long total = 0;
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            IEnumerable<string> entries;
            try { entries = Directory.EnumerateFileSystemEntries(dir).ToList(); }
            catch (Exception e) when (e is DirectoryNotFoundException or UnauthorizedAccessException or IOException) { continue; }
            foreach (var path in entries)
            {
                if (FileOps.TryStatAt(Flags.AT_FDCWD, Encoding.UTF8.GetBytes(path + "\0"), Flags.AT_SYMLINK_NOFOLLOW, out var status) != 0) continue;
                if (status.IsDirectory)
                {
                    pending.Push(path);
                    continue;
                }
                if (status.Size == 0 || !seen.Add((status.DeviceMajor, status.DeviceMinor, status.Inode))) continue;
                total += status.Size;
            }
        }
        return total;
    }
}
