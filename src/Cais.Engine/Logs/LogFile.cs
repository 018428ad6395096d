using System.Text;
using Cais.Linux;
using Microsoft.Win32.SafeHandles;

namespace Cais.Engine.Logs;

/// <summary>
/// One open log file (the current one or a rotated one). The open handle keeps reading the same
/// file when the writer renames or deletes it; the inode tells whether the path still names it.
/// </summary>
sealed class LogFile : IDisposable
{
    LogFile(string path, SafeFileHandle handle, FileIdentity identity, long sizeAtOpen)
    {
        Path = path;
        Handle = handle;
        Identity = identity;
        SizeAtOpen = sizeAtOpen;
    }

    /// <summary>The name it had when opened.</summary>
    public string Path { get; }
    public SafeFileHandle Handle { get; }
    public FileIdentity Identity { get; }
    /// <summary>Its length when opened: where a read that does not follow stops.</summary>
    public long SizeAtOpen { get; }

    /// <summary>Opens <paramref name="path"/> for reading; null when it does not exist.</summary>
    public static LogFile? TryOpen(string path)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        try
        {
            return new LogFile(path, handle, FileIdentity.Of(handle, path), RandomAccess.GetLength(handle));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Whether the file has no name left (rotated out of the log, or unlinked with max-file 1).</summary>
    public bool IsDeleted => FileIdentity.LinkCount(Handle, Path) == 0;

    public void Dispose() => Handle.Dispose();
}

/// <summary>Device and inode: what a path names right now, and whether an open file is still that.</summary>
readonly record struct FileIdentity(uint DeviceMajor, uint DeviceMinor, ulong Inode)
{
    public static FileIdentity Of(SafeFileHandle handle, string pathForErrors) => From(Status(handle, pathForErrors));

    public static int LinkCount(SafeFileHandle handle, string pathForErrors) => Status(handle, pathForErrors).LinkCount;

    static FileStatus Status(SafeFileHandle handle, string pathForErrors)
    {
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            int fd = (int)handle.DangerousGetHandle();
            int errno = FileOps.TryStatAt(fd, "\0"u8, Flags.AT_EMPTY_PATH, out var status);
            if (errno != 0) throw new SyscallException("statx", pathForErrors, errno);
            return status;
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    /// <summary>What <paramref name="path"/> names now; null when nothing does.</summary>
    public static FileIdentity? OfPath(string path)
    {
        int errno = FileOps.TryStatAt(Flags.AT_FDCWD, Encoding.UTF8.GetBytes(path + "\0"), 0, out var status);
        if (errno == Errno.ENOENT || errno == Errno.ENOTDIR) return null;
        if (errno != 0) throw new SyscallException("statx", path, errno);
        return From(status);
    }

    static FileIdentity From(FileStatus status) => new(status.DeviceMajor, status.DeviceMinor, status.Inode);
}
