using Cais.Api.Client.Hijack;
using Cais.Api.Client.Queries;
using Cais.Cli.Daemon;
using Cais.Cli.Terminal;
using DetachKeySequence = Cais.Api.Models.Streams.DetachKeys;

namespace Cais.Cli.Containers;

/// <summary>Which of a container's streams a session attaches, and how.</summary>
public sealed record AttachRequest(bool Tty, bool Stdin, bool Stdout, bool Stderr, string DetachKeys);

/// <summary>
/// The client attached to a container (run, start -a, attach): the hijacked connection with its
/// streams pumping from the moment it is open (so nothing the process prints early is lost), the
/// raw terminal when a TTY takes our stdin, and, once the process runs, the window size kept in
/// step. Disposing it restores the terminal and closes the connection, whatever happened.
/// </summary>
public sealed class ContainerSession : IAsyncDisposable
{
    readonly HijackedConnection connection;
    readonly RawTerminal? terminal;
    readonly bool tty;
    ResizeMonitor? resize;

    ContainerSession(HijackedConnection connection, RawTerminal? terminal, bool tty, Task<AttachEnd> streaming)
    {
        this.connection = connection;
        this.terminal = terminal;
        this.tty = tty;
        Streaming = streaming;
    }

    /// <summary>Completes when the output ends or the user detaches.</summary>
    public Task<AttachEnd> Streaming { get; }

    /// <summary>The detach keys as bytes; an invalid sequence is refused in docker's words.</summary>
    public static byte[] DetachKeyBytes(string keys)
    {
        if (keys.Length == 0) return [.. DetachKeySequence.Default];
        return DetachKeySequence.TryParse(keys, out var bytes) ? bytes : throw new InvalidOptionException($"Invalid detach keys ({keys}) provided");
    }

    public static async Task<ContainerSession> AttachAsync(DaemonCli cli, string id, AttachRequest request)
    {
        var keys = DetachKeyBytes(request.DetachKeys);
        var connection = await cli.Client.AttachContainerAsync(id, new ContainerAttachOptions
        {
            Stream = true,
            Stdin = request.Stdin,
            Stdout = request.Stdout,
            Stderr = request.Stderr,
            DetachKeys = request.DetachKeys.Length > 0 ? request.DetachKeys : null,
        }).ConfigureAwait(false);
        RawTerminal? terminal = null;
        try
        {
            terminal = request.Tty && request.Stdin ? RawTerminal.Enter() : null;
            var streams = new AttachedStreams
            {
                Connection = connection,
                Tty = request.Tty,
                Input = request.Stdin ? ClientStreams.Stdin : null,
                Output = request.Stdout ? ClientStreams.Stdout : Stream.Null,
                // With a TTY there is only one stream; docker writes it all to stdout.
                Error = request.Stderr ? (request.Tty ? ClientStreams.Stdout : ClientStreams.Stderr) : Stream.Null,
                DetachKeys = keys,
                Terminal = terminal,
            };
            return new ContainerSession(connection, terminal, request.Tty, streams.RunAsync());
        }
        catch
        {
            terminal?.Restore();
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>With a TTY and stdout on a terminal: sends the window size now and on every change.</summary>
    public void MonitorSize(DaemonCli cli, string id)
    {
        if (!tty || !ClientTerminal.StdoutIsTerminal || resize is not null) return;
        resize = ResizeMonitor.Start((h, w) => cli.Client.ResizeContainerTtyAsync(id, h, w), cli.Error);
    }

    /// <summary>Ends the session early (the start failed): the terminal back, the connection closed.</summary>
    public async Task AbortAsync()
    {
        terminal?.Restore();
        await connection.DisposeAsync().ConfigureAwait(false);
        try
        {
            await Streaming.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        resize?.Dispose();
        terminal?.Restore();
        await connection.DisposeAsync().ConfigureAwait(false);
    }
}
