using System.Runtime.InteropServices;
using Cais.Linux.Interop;

namespace Cais.Linux;

/// <summary>
/// overlayfs's on-disk markers in a layer directory (Documentation/filesystems/overlayfs.rst,
/// "whiteouts and opaque directories"): a whiteout is a character device 0/0 that hides the
/// name in the layers below; an opaque directory (xattr trusted.overlay.opaque = "y") hides
/// everything below it. trusted.* xattrs need CAP_SYS_ADMIN.
/// </summary>
public static unsafe partial class OverlayFormat
{
    public const string OpaqueXattr = "trusted.overlay.opaque";

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mknod(string path, int mode, ulong dev);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int lsetxattr(string path, string name, byte* value, nuint size, int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint lgetxattr(string path, string name, byte* value, nuint size);

    /// <summary>Creates a whiteout (character device 0/0, mode 0) at <paramref name="path"/>.</summary>
    public static void MakeWhiteout(string path) => Check.Io(mknod(path, Flags.S_IFCHR, 0), "mknod", path);

    /// <summary>Marks the directory opaque.</summary>
    public static void SetOpaque(string dir)
    {
        byte y = (byte)'y';
        Check.Io(lsetxattr(dir, OpaqueXattr, &y, 1, 0), "lsetxattr", $"{dir} {OpaqueXattr}");
    }

    /// <summary>True when the directory carries trusted.overlay.opaque = "y".</summary>
    public static bool IsOpaque(string dir)
    {
        byte* value = stackalloc byte[8];
        long n = lgetxattr(dir, OpaqueXattr, value, 8);
        if (n >= 0) return n == 1 && value[0] == (byte)'y';
        int errno = Marshal.GetLastPInvokeError();
        if (errno is Errno.ENODATA or Errno.EOPNOTSUPP) return false;
        throw new SyscallException("lgetxattr", $"{dir} {OpaqueXattr}", errno);
    }

    /// <summary>True when <paramref name="path"/> is a whiteout: a character device numbered 0/0.</summary>
    public static bool IsWhiteout(string path)
    {
        // struct statx: stx_mode (u16) at 28, stx_rdev_major and stx_rdev_minor (u32) at 128 and 132.
        byte* stx = stackalloc byte[256];
        if (statx(Flags.AT_FDCWD, path, Flags.AT_SYMLINK_NOFOLLOW, (uint)Flags.STATX_TYPE, stx) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is Errno.ENOENT or Errno.ENOTDIR) return false;
            throw new SyscallException("statx", path, errno);
        }
        int mode = *(ushort*)(stx + 28);
        return (mode & Flags.S_IFMT) == Flags.S_IFCHR && *(uint*)(stx + 128) == 0 && *(uint*)(stx + 132) == 0;
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statx(int dirfd, string path, int flags, uint mask, byte* buf);
}
