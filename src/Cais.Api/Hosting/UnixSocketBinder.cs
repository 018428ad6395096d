using System.Net.Sockets;
using System.Text;
using Cais.Linux;
using Cais.Engine.Errors;

namespace Cais.Api.Hosting;

/// <summary>
/// Prepares the API's unix socket: parent directory (0700 when created), a stale socket file
/// from a daemon that died removed, bind, chmod 0660 before listen (so no client can connect
/// while the mode is still the umask's), listen. Kestrel takes the listening descriptor over.
/// </summary>
internal static class UnixSocketBinder
{
    const UnixFileMode SocketMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;
    const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Binds and listens; returns the descriptor, which the caller (Kestrel) owns from now on.</summary>
    public static ulong BindAndListen(string path, int backlog = 512)
    {
        var directory = Path.GetDirectoryName(path) ?? "/";
        if (!Directory.Exists(directory)) Directory.CreateDirectory(directory, DirectoryMode);
        RemoveStale(path);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            File.SetUnixFileMode(path, SocketMode);
            socket.Listen(backlog);
            var handle = (ulong)socket.SafeHandle.DangerousGetHandle();
            // Hand the descriptor over without closing it: Kestrel wraps it in a socket of its own
            // and closes it when it stops. This Socket object must never be finalized either: a
            // .NET Socket that bound a unix path deletes the socket file when it is disposed, and
            // the garbage collector would do that at some random later moment.
            socket.SafeHandle.SetHandleAsInvalid();
            GC.SuppressFinalize(socket);
            return handle;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new InvalidParameterException($"cannot listen on unix://{path}: {e.Message}");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Removes the file at the socket's path if it is a socket nobody answers on (a daemon that was
    /// killed leaves it behind); refuses to touch anything else, or a socket another daemon serves.
    /// </summary>
    static void RemoveStale(string path)
    {
        int errno = FileOps.TryStatAt(Flags.AT_FDCWD, Encoding.UTF8.GetBytes(path + "\0"), Flags.AT_SYMLINK_NOFOLLOW, out var status);
        if (errno == Errno.ENOENT) return;
        if (errno != 0) throw new SyscallException("statx", path, errno);
        if (status.FileType != FileOps.S_IFSOCK)
            throw new InvalidParameterException($"cannot listen on unix://{path}: the path exists and is not a socket; remove it or choose another -H");
        using (var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            try
            {
                probe.Connect(new UnixDomainSocketEndPoint(path));
                throw new InvalidParameterException($"cannot listen on unix://{path}: another daemon is serving that socket");
            }
            catch (SocketException)
            {
                // Nobody listens: stale.
            }
        }
        File.Delete(path);
    }

    /// <summary>Removes the socket file when the server stops (Kestrel does not, for a handed-over descriptor).</summary>
    public static void Remove(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
