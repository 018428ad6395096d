using System.Text;
using Cais.Linux;
using Microsoft.Win32.SafeHandles;

namespace Cais.Daemon;

/// <summary>Another daemon holds the pid file: two daemons must never share a data root.</summary>
public sealed class DaemonAlreadyRunningException(string message) : Exception(message);

/// <summary>
/// The daemon's pid file, locked (flock, exclusive) for as long as the daemon runs: the lock, not
/// the pid in the file, says whether a daemon is alive, so a daemon killed with SIGKILL leaves no
/// lock behind and a reused pid cannot fool the next one.
/// </summary>
/// <remarks>
/// The file is read and written through raw descriptors: .NET's FileStream takes a flock of its
/// own on open, which would collide with this one.
/// </remarks>
public sealed class PidFile : IDisposable
{
    readonly FileLock fileLock;

    PidFile(string path, FileLock fileLock)
    {
        Path = path;
        this.fileLock = fileLock;
    }

    public string Path { get; }

    public static PidFile Acquire(string path)
    {
        var directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var taken = FileLock.TryExclusive(path);
        if (taken is null)
        {
            var holder = ReadPid(path);
            throw new DaemonAlreadyRunningException(
                $"pid file found, ensure cais is not running or delete {path}: it is locked by{(holder is null ? " another process" : $" process {holder}")}");
        }
        try
        {
            int fd = Fds.Open(path, Flags.O_WRONLY | Flags.O_TRUNC);
            using var file = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Write);
            file.Write(Encoding.ASCII.GetBytes(Environment.ProcessId + "\n"));
        }
        catch
        {
            taken.Dispose();
            throw;
        }
        return new PidFile(path, taken);
    }

    /// <summary>The pid written in the file, if it can be read.</summary>
    public static string? ReadPid(string path)
    {
        try
        {
            int fd = Fds.Open(path, Flags.O_RDONLY);
            using var file = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read);
            using var reader = new StreamReader(file, Encoding.ASCII);
            var text = reader.ReadToEnd().Trim();
            return text.Length > 0 ? text : null;
        }
        catch (SyscallException)
        {
            return null;
        }
    }

    /// <summary>Removes the file, then lets the lock go.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
        }
        fileLock.Dispose();
    }
}
