using System.Net.Sockets;
using System.Text;

namespace Cais.Engine.Monitor;

/// <summary>
/// The daemon's connection to one container's monitor: it starts the process, then receives
/// every byte of output and, at the end, the exit record. Input (stdin, resize) goes the other way.
/// </summary>
public sealed class MonitorConnection : IAsyncDisposable
{
    readonly Socket socket;
    readonly NetworkStream stream;
    readonly SemaphoreSlim sendLock = new(1, 1);

    MonitorConnection(Socket socket)
    {
        this.socket = socket;
        stream = new NetworkStream(socket, ownsSocket: true);
    }

    public static async Task<MonitorConnection> ConnectAsync(string socketPath, CancellationToken cancel = default)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancel);
            return new MonitorConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs the container's process; throws <see cref="MonitorStartException"/> with the runtime's
    /// error. Returns the process id an exec monitor reports (0 from a container's monitor).
    /// </summary>
    public async Task<int> StartAsync(CancellationToken cancel = default)
    {
        await SendAsync(FrameType.Start, ReadOnlyMemory<byte>.Empty, cancel);
        int pid = 0;
        while (await MonitorFrame.ReadAsync(stream, cancel) is { } frame)
        {
            if (frame.Type == FrameType.Pid) int.TryParse(Encoding.ASCII.GetString(frame.Payload), out pid);
            if (frame.Type != FrameType.Started) continue;
            if (frame.Payload.Length == 0) return pid;
            throw new MonitorStartException(Encoding.UTF8.GetString(frame.Payload));
        }
        throw new MonitorStartException("the container monitor closed the connection before starting the process");
    }

    /// <summary>
    /// Reads output until the monitor reports the exit (returned) or goes away (null).
    /// <paramref name="output"/> gets stdout and stderr as they come.
    /// </summary>
    public Task<ExitRecord?> PumpAsync(Action<FrameType, ReadOnlyMemory<byte>> output, CancellationToken cancel = default) =>
        PumpAsync((type, data) =>
        {
            output(type, data);
            return ValueTask.CompletedTask;
        }, cancel);

    /// <summary>As above, with an asynchronous sink: a slow reader slows the monitor rather than losing output.</summary>
    public async Task<ExitRecord?> PumpAsync(Func<FrameType, ReadOnlyMemory<byte>, ValueTask> output, CancellationToken cancel = default)
    {
        try
        {
            while (await MonitorFrame.ReadAsync(stream, cancel) is { } frame)
            {
                switch (frame.Type)
                {
                    case FrameType.Stdout or FrameType.Stderr: await output(frame.Type, frame.Payload); break;
                    case FrameType.Exited: return ExitRecord.FromJson(frame.Payload);
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or EndOfStreamException or ObjectDisposedException) { }
        return null;
    }

    public Task WriteStdinAsync(ReadOnlyMemory<byte> data, CancellationToken cancel = default) => SendAsync(FrameType.Stdin, data, cancel);

    public Task CloseStdinAsync(CancellationToken cancel = default) => SendAsync(FrameType.CloseStdin, ReadOnlyMemory<byte>.Empty, cancel);

    public Task ResizeAsync(ushort rows, ushort columns, CancellationToken cancel = default) =>
        SendAsync(FrameType.Resize, MonitorFrame.ResizePayload(rows, columns), cancel);

    async Task SendAsync(FrameType type, ReadOnlyMemory<byte> payload, CancellationToken cancel)
    {
        var header = new byte[MonitorFrame.HeaderSize];
        MonitorFrame.WriteHeader(header, type, payload.Length);
        await sendLock.WaitAsync(cancel);
        try
        {
            await stream.WriteAsync(header, cancel);
            if (!payload.IsEmpty) await stream.WriteAsync(payload, cancel);
        }
        finally
        {
            sendLock.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        try { socket.Shutdown(SocketShutdown.Both); }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        stream.Dispose();
        sendLock.Dispose();
        return ValueTask.CompletedTask;
    }
}
