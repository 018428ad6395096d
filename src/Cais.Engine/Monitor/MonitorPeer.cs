using System.Net.Sockets;

namespace Cais.Engine.Monitor;

/// <summary>One daemon connection to a monitor: output frames go out, input frames come in.</summary>
internal sealed class MonitorPeer : IDisposable
{
    readonly Socket socket;
    readonly NetworkStream stream;
    readonly ContainerMonitor monitor;
    readonly Lock sendLock = new();
    bool disposed;

    public MonitorPeer(Socket socket, ContainerMonitor monitor)
    {
        this.socket = socket;
        this.monitor = monitor;
        stream = new NetworkStream(socket, ownsSocket: true);
    }

    public (FrameType Type, byte[] Payload)? ReadFrame()
    {
        try { return MonitorFrame.Read(stream); }
        catch (Exception e) when (e is IOException or InvalidDataException or ObjectDisposedException) { return null; }
    }

    /// <summary>Sends a frame; false when the peer has gone (the caller drops it).</summary>
    public bool Send(FrameType type, ReadOnlySpan<byte> payload)
    {
        lock (sendLock)
        {
            if (disposed) return false;
            try
            {
                MonitorFrame.Write(stream, type, payload);
                return true;
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
            {
                return false;
            }
        }
    }

    /// <summary>Reads input frames (stdin, resize) on a thread of its own until the peer goes.</summary>
    public void StartReading() =>
        new Thread(() =>
        {
            while (ReadFrame() is { } frame) monitor.OnInput(frame.Type, frame.Payload);
            monitor.RemovePeer(this);
        }) { IsBackground = true, Name = "monitor peer" }.Start();

    public void Dispose()
    {
        lock (sendLock)
        {
            if (disposed) return;
            disposed = true;
        }
        try { socket.Shutdown(SocketShutdown.Both); }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
        stream.Dispose();
    }
}
