using Cais.Api.Client.Hijack;
using Cais.Api.Models.Streams;
using Cais.Cli.Terminal;

namespace Cais.Cli.Containers;

/// <summary>How an attached session ended.</summary>
public enum AttachEnd
{
    /// <summary>The daemon ended the output: the process exited or the stream closed.</summary>
    OutputEnded,

    /// <summary>The user typed the detach keys; the container goes on without us.</summary>
    Detached,
}

/// <summary>
/// Pumps a hijacked attach or exec connection: the process's output to our stdout and stderr
/// (demultiplexed, or raw with a TTY, where stderr is merged into stdout by the kernel), and our
/// stdin to the process. With a TTY and stdin, the client's terminal is raw and the detach keys
/// are watched for, as docker's hijackedIOStreamer does. The end of our stdin half-closes the
/// connection so the process sees end of file, and the session then lasts until the output ends.
/// </summary>
public sealed class AttachedStreams
{
    public required HijackedConnection Connection { get; init; }

    public required bool Tty { get; init; }

    /// <summary>Our stdin, when the process's stdin is attached.</summary>
    public Stream? Input { get; init; }

    public required Stream Output { get; init; }

    public required Stream Error { get; init; }

    /// <summary>The detach key sequence (watched only with a TTY, as in docker).</summary>
    public byte[] DetachKeys { get; init; } = [.. Api.Models.Streams.DetachKeys.Default];

    /// <summary>The raw terminal of this session, restored as soon as the output ends or the user detaches.</summary>
    public RawTerminal? Terminal { get; init; }

    public async Task<AttachEnd> RunAsync()
    {
        var output = Task.Run(CopyOutputAsync);
        if (Input is null)
        {
            await output.ConfigureAwait(false);
            return AttachEnd.OutputEnded;
        }
        var input = Task.Run(CopyInputAsync);
        var first = await Task.WhenAny(output, input).ConfigureAwait(false);
        if (first == input && await input.ConfigureAwait(false) == AttachEnd.Detached)
        {
            Terminal?.Restore();
            return AttachEnd.Detached;
        }
        await output.ConfigureAwait(false);
        return AttachEnd.OutputEnded;
    }

    async Task CopyOutputAsync()
    {
        try
        {
            if (Tty)
                await CopyRawAsync(Connection.Stream, Output).ConfigureAwait(false);
            else
                await new MultiplexedStreamReader(Connection.Stream).CopyToAsync(Output, Error).ConfigureAwait(false);
        }
        catch (IOException e) when (e is not DaemonStreamErrorException)
        {
            // The connection was closed under us (a detach, a daemon gone) or our own output was
            // (a reader like `head` is done): either way there is nothing more to show.
        }
        finally
        {
            // Give the terminal back as soon as the process is done, before anything else is printed.
            Terminal?.Restore();
        }
    }

    async Task<AttachEnd> CopyInputAsync()
    {
        var source = Tty && DetachKeys.Length > 0 ? new DetachKeysStream(Input!, DetachKeys, leaveOpen: true) : Input!;
        var buffer = new byte[32 * 1024];
        try
        {
            int n;
            while ((n = await source.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                await Connection.Stream.WriteAsync(buffer.AsMemory(0, n)).ConfigureAwait(false);
                await Connection.Stream.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (DetachKeysPressedException)
        {
            return AttachEnd.Detached;
        }
        catch (IOException)
        {
            // The connection is gone; the output side reports how the session ended.
            return AttachEnd.OutputEnded;
        }
        try
        {
            await Connection.CloseWriteAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
        }
        return AttachEnd.OutputEnded;
    }

    static async Task CopyRawAsync(Stream from, Stream to)
    {
        var buffer = new byte[32 * 1024];
        int n;
        while ((n = await from.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, n)).ConfigureAwait(false);
            await to.FlushAsync().ConfigureAwait(false);
        }
    }
}
