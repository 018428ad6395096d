using System.Text;
using Cais.Linux;

namespace Cais.Images.Service;

/// <summary>
/// The size of an unpacked layer as Docker reports it (overlay2's directory.Size): the lstat size
/// of every entry but directories (a symlink counts the length of its target), each hard-linked
/// inode once. Computed once, when the layer is unpacked.
/// </summary>
internal static class LayerSize
{
    public static long Of(string dir)
    {
        var seen = new HashSet<ulong>();
        long total = 0;
        var pending = new Stack<string>();
        pending.Push(dir);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var entry in Directory.EnumerateFileSystemEntries(current))
            {
                var name = Encoding.UTF8.GetBytes(entry + "\0");
                if (FileOps.TryStatAt(Flags.AT_FDCWD, name, Flags.AT_SYMLINK_NOFOLLOW, out var st) != 0) continue;
                if (st.IsDirectory)
                {
                    pending.Push(entry);
                    continue;
                }
                if (st.LinkCount > 1 && !seen.Add(st.Inode)) continue;
                total += st.Size;
            }
        }
        return total;
    }
}
