using System.Runtime.InteropServices;
using Cais.Linux;

namespace Cais.Runtime.Terminal;

/// <summary>
/// Connects this process's stdin/stdout to a container's terminal (the pty master) when the
/// runtime runs in the foreground without a console socket, as `runc run -t` does: the local
/// terminal goes raw, and its size follows the local one.
/// </summary>
public sealed class TerminalProxy : IDisposable
{
    readonly int master;
    readonly byte[]? savedMode;
    readonly Thread output;
    PosixSignalRegistration? winch;

    public TerminalProxy(int masterFd)
    {
        master = masterFd;
        if (Cais.Linux.Terminal.IsTerminal(0))
        {
            savedMode = Cais.Linux.Terminal.MakeRaw(0);
            Resize();
            winch = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ => Resize());
        }
        var input = new Thread(() => Copy(0, master)) { IsBackground = true, Name = "terminal input" };
        output = new Thread(() => Copy(master, 1)) { IsBackground = true, Name = "terminal output" };
        input.Start();
        output.Start();
    }

    void Resize()
    {
        if (Cais.Linux.Terminal.GetSize(0) is { } size) Cais.Linux.Terminal.SetSize(master, size.Rows, size.Columns);
    }

    static unsafe void Copy(int from, int to)
    {
        var buf = stackalloc byte[8192];
        try
        {
            while (true)
            {
                long n = Fds.Read(from, buf, 8192, "terminal");
                if (n <= 0) return;
                long done = 0;
                while (done < n) done += Fds.Write(to, buf + done, n - done, "terminal");
            }
        }
        catch (SyscallException)
        {
            // EIO on the master once the container's last holder of the terminal exits.
        }
    }

    /// <summary>Waits (briefly) for the container's remaining output to be copied.</summary>
    public void Drain() => output.Join(TimeSpan.FromSeconds(2));

    public void Dispose()
    {
        winch?.Dispose();
        winch = null;
        if (savedMode is not null) Cais.Linux.Terminal.Restore(0, savedMode);
    }
}
