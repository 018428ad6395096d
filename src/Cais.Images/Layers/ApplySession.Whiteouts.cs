using System.Formats.Tar;
using Cais.Linux;

namespace Cais.Images.Layers;

// Whiteout entries, made into overlayfs markers or applied as deletions (WhiteoutMode).
internal sealed partial class ApplySession
{
    void ApplyWhiteout(TarEntry entry, string parent, string baseName)
    {
        if (baseName == Whiteouts.OpaqueMarker)
        {
            if (_options.WhiteoutMode == WhiteoutMode.Overlay) MarkOpaque(entry, parent);
            else DeleteOthers(entry, parent);
            return;
        }
        string victim = baseName[Whiteouts.Prefix.Length..];
        if (victim.Length == 0 || victim is "." or "..")
            throw new LayerFormatException(entry.Name, "a whiteout that names no file");
        string path = TarPath.Join(parent, victim);
        if (_options.WhiteoutMode == WhiteoutMode.Overlay)
        {
            int dirFd = _dirs.Open(parent, create: true, entry.Name);
            var name = _name.Set(victim);
            RemoveExisting(dirFd, name, path);
            Check(FileOps.TryMknodAt(dirFd, name, Flags.S_IFCHR, 0), "mknodat", path);
            ChownAt(dirFd, name, entry, path);
        }
        else
        {
            // Nothing to delete when the parent is not there; through a link is refused.
            int dirFd = _dirs.Open(parent, create: false, entry.Name);
            if (dirFd >= 0) RemoveExisting(dirFd, _name.Set(victim), path);
        }
    }

    void MarkOpaque(TarEntry entry, string dir)
    {
        int dirFd = _dirs.Open(dir, create: true, entry.Name);
        int errno = FileOps.TryOpenAt(dirFd, _name.Set("."), Flags.O_RDONLY | FileOps.O_DIRECTORY, 0, out int fd);
        Check(errno, "openat", dir);
        try
        {
            Check(Xattrs.TrySet(fd, _other.Set(Whiteouts.OpaqueXattr), "y"u8), "fsetxattr", $"{dir} {Whiteouts.OpaqueXattr}");
        }
        finally
        {
            Fds.Close(fd);
        }
    }

    // An opaque directory applied onto the layers below: remove every child this layer did
    // not bring. The marker may come before or after the layer's own children.
    void DeleteOthers(TarEntry entry, string dir)
    {
        int dirFd = _dirs.Open(dir, create: false, entry.Name);
        if (dirFd < 0) return;
        int errno = FileOps.TryOpenAt(dirFd, _name.Set("."), Flags.O_RDONLY | FileOps.O_DIRECTORY, 0, out int fd);
        Check(errno, "openat", dir);
        List<byte[]> children;
        try
        {
            children = TreeRemover.ListNames(fd, Full(dir));
        }
        finally
        {
            Fds.Close(fd);
        }
        foreach (var child in children)
        {
            string path = TarPath.Join(dir, System.Text.Encoding.UTF8.GetString(child.AsSpan(0, child.Length - 1)));
            if (!_unpacked!.Contains(path)) RemoveExisting(dirFd, child, path);
        }
    }
}
