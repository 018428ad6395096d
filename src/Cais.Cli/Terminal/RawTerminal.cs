using LinuxTerminal = Cais.Linux.Terminal;

namespace Cais.Cli.Terminal;

/// <summary>
/// The client's terminal in raw mode for a session with a container's TTY: keys (ctrl-c, the
/// detach keys) go to the container as bytes, and output is not translated twice. The saved
/// settings are put back exactly once: on <see cref="Restore"/>, on Dispose, and when the
/// process exits by any other way (SIGTERM, an unhandled error), so the user never keeps a
/// broken terminal.
/// </summary>
public sealed class RawTerminal : IDisposable
{
    readonly int fd;
    readonly byte[] saved;
    int restored;

    RawTerminal(int fd, byte[] saved)
    {
        this.fd = fd;
        this.saved = saved;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>Makes stdin's terminal raw; null when stdin is not a terminal.</summary>
    public static RawTerminal? Enter(int fd = ClientTerminal.StdinFd)
    {
        if (!LinuxTerminal.IsTerminal(fd)) return null;
        return new RawTerminal(fd, LinuxTerminal.MakeRaw(fd));
    }

    public void Restore()
    {
        if (Interlocked.Exchange(ref restored, 1) != 0) return;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        LinuxTerminal.Restore(fd, saved);
    }

    void OnProcessExit(object? sender, EventArgs e) => Restore();

    public void Dispose() => Restore();
}
