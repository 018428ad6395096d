using Cais.Linux;
using Microsoft.Win32.SafeHandles;

namespace Cais.Engine.Monitor;

/// <summary>
/// The container process's stdio as the monitor holds it: three pipes (stdin only with `-i`,
/// else /dev/null), or a pseudo-terminal whose master the runtime hands over on a console socket.
/// </summary>
internal sealed class ContainerStdio : IDisposable
{
    readonly bool tty;
    readonly Lock stdinLock = new();
    int stdinRead = -1, stdinWrite = -1, outRead = -1, outWrite = -1, errRead = -1, errWrite = -1;
    int consoleOurs = -1, consoleTheirs = -1, master = -1;

    ContainerStdio(bool tty) => this.tty = tty;

    /// <summary>The runtime's end of the console socket (-1 without a terminal).</summary>
    public int ConsoleSocketFd => consoleTheirs;

    public static ContainerStdio Open(bool tty, bool openStdin)
    {
        var s = new ContainerStdio(tty);
        try
        {
            if (tty)
            {
                (s.consoleOurs, s.consoleTheirs) = UnixSockets.Pair();
            }
            else
            {
                if (openStdin) (s.stdinRead, s.stdinWrite) = Fds.Pipe();
                (s.outRead, s.outWrite) = Fds.Pipe();
                (s.errRead, s.errWrite) = Fds.Pipe();
            }
            return s;
        }
        catch
        {
            s.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs the runtime's create with this process's fds 0-2 set to the container's pipes: the
    /// container's first process inherits them, as it inherits runc's stdio. Afterwards fds 0
    /// and 1 are /dev/null (fd 1 was the report pipe to the daemon, which must see its EOF) and
    /// fd 2 is what it was, where the monitor's own warnings go.
    /// </summary>
    public T WithProcessStdio<T>(Func<T> create)
    {
        if (tty) return create();
        int devNull = Fds.Open("/dev/null", Flags.O_RDWR);
        int savedErr = Fds.Duplicate(2);
        try
        {
            Fds.Dup2(stdinRead >= 0 ? stdinRead : devNull, 0);
            Fds.Dup2(outWrite, 1);
            Fds.Dup2(errWrite, 2);
            return create();
        }
        finally
        {
            Fds.Dup2(devNull, 0);
            Fds.Dup2(devNull, 1);
            Fds.Dup2(savedErr, 2);
            Fds.Close(savedErr);
            Fds.Close(devNull);
        }
    }

    /// <summary>Drops the ends the container now holds, so its exit gives the pumps EOF.</summary>
    public void AfterCreate()
    {
        if (tty)
        {
            master = UnixSockets.ReceiveFd(consoleOurs);
            CloseFd(ref consoleOurs);
            CloseFd(ref consoleTheirs);
            return;
        }
        CloseFd(ref stdinRead);
        CloseFd(ref outWrite);
        CloseFd(ref errWrite);
    }

    /// <summary>Threads copying the output to <paramref name="sink"/> until EOF.</summary>
    public List<Thread> StartPumps(Action<FrameType, ReadOnlySpan<byte>> sink)
    {
        var pumps = new List<Thread>();
        void Pump(int fd, FrameType type)
        {
            var t = new Thread(() => Copy(fd, type, sink)) { IsBackground = true, Name = $"monitor {type}" };
            t.Start();
            pumps.Add(t);
        }
        if (tty)
        {
            Pump(master, FrameType.Stdout);
        }
        else
        {
            Pump(outRead, FrameType.Stdout);
            Pump(errRead, FrameType.Stderr);
        }
        return pumps;
    }

    static void Copy(int fd, FrameType type, Action<FrameType, ReadOnlySpan<byte>> sink)
    {
        using var stream = new FileStream(new SafeFileHandle(Fds.Duplicate(fd), ownsHandle: true), FileAccess.Read, 1);
        var buffer = new byte[32 * 1024];
        while (true)
        {
            int n;
            // A terminal's master reads EIO once the last slave fd has closed: that is its EOF.
            try { n = stream.Read(buffer); }
            catch (IOException) { return; }
            if (n <= 0) return;
            sink(type, buffer.AsSpan(0, n));
        }
    }

    public unsafe void WriteStdin(ReadOnlySpan<byte> data)
    {
        lock (stdinLock)
        {
            int fd = tty ? master : stdinWrite;
            if (fd < 0) return;
            try { Fds.WriteAll(fd, data, "container stdin"); }
            catch (SyscallException) { CloseStdinLocked(); } // the process closed its stdin: drop input as Docker does
        }
    }

    public void CloseStdin()
    {
        lock (stdinLock) CloseStdinLocked();
    }

    void CloseStdinLocked()
    {
        if (!tty) CloseFd(ref stdinWrite);
    }

    public void Resize(ushort rows, ushort columns)
    {
        if (tty && master >= 0 && rows > 0 && columns > 0) Terminal.SetSize(master, rows, columns);
    }

    static void CloseFd(ref int fd)
    {
        Fds.Close(fd);
        fd = -1;
    }

    public void Dispose()
    {
        lock (stdinLock)
        {
            CloseFd(ref stdinRead);
            CloseFd(ref stdinWrite);
        }
        CloseFd(ref outRead);
        CloseFd(ref outWrite);
        CloseFd(ref errRead);
        CloseFd(ref errWrite);
        CloseFd(ref consoleOurs);
        CloseFd(ref consoleTheirs);
        CloseFd(ref master);
    }
}
