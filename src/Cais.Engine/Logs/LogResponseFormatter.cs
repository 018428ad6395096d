using System.Buffers;
using System.Text;

namespace Cais.Engine.Logs;

/// <summary>
/// Writes log messages as the body of Docker's GET /containers/{id}/logs response
/// (httputils.WriteLogStream): for a container without a TTY each message is one multiplexed
/// frame (stream byte, three zeros, big-endian length, payload); for a TTY container the bytes
/// go out raw. With timestamps each message starts with its time, nine fraction digits always
/// (RFC3339NanoFixed), and a space; with details, before the message, its attrs as
/// "key=value,key=value" (sorted, query-escaped) and a space.
/// </summary>
public sealed class LogResponseFormatter(bool multiplexed, bool timestamps, bool details = false)
{
    const int FlushThreshold = 32 * 1024;

    /// <summary>Appends one message.</summary>
    public void Write(LogEntry entry, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(entry);
        byte[]? detailText = details ? DetailsPrefix(entry.Attributes) : null;
        int length = entry.Line.Length + (timestamps ? Rfc3339Nano.MaxLength + 1 : 0) + (detailText?.Length ?? 0);
        int headerSize = multiplexed ? MultiplexedFrame.HeaderSize : 0;
        var span = output.GetSpan(headerSize + length);
        int at = headerSize;
        if (timestamps)
        {
            at += Rfc3339Nano.Format(entry.Time, span[at..], fixedWidth: true);
            span[at++] = (byte)' ';
        }
        if (detailText is not null)
        {
            detailText.CopyTo(span[at..]);
            at += detailText.Length;
        }
        entry.Line.Span.CopyTo(span[at..]);
        at += entry.Line.Length;
        if (multiplexed) MultiplexedFrame.WriteHeader(span, (byte)entry.Stream, at - headerSize);
        output.Advance(at);
    }

    /// <summary>The daemon's own error in the stream, as Docker reports a log it could not read: "Error grabbing logs: ...".</summary>
    public void WriteError(string message, IBufferWriter<byte> output)
    {
        byte[] text = Encoding.UTF8.GetBytes($"Error grabbing logs: {message}\n");
        int headerSize = multiplexed ? MultiplexedFrame.HeaderSize : 0;
        var span = output.GetSpan(headerSize + text.Length);
        if (multiplexed) MultiplexedFrame.WriteHeader(span, MultiplexedFrame.SystemErrorStream, text.Length);
        text.CopyTo(span[headerSize..]);
        output.Advance(headerSize + text.Length);
    }

    /// <summary>
    /// Writes every message of <paramref name="entries"/> to <paramref name="output"/>: in batches
    /// while messages are at hand, flushed whenever the next one is not (a follower sees each
    /// line as it comes). A failure to read the log is written into the stream, since the
    /// response has begun, and returned for the daemon's own log; cancellation just ends it.
    /// </summary>
    public async Task<Exception?> CopyAsync(IAsyncEnumerable<LogEntry> entries, Stream output, CancellationToken cancellationToken = default)
    {
        var buffer = new ArrayBufferWriter<byte>(FlushThreshold * 2);
        Exception? failure = null;
        await using var enumerator = entries.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            ValueTask<bool> next;
            try
            {
                next = enumerator.MoveNextAsync();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Cais.Linux.SyscallException)
            {
                failure = e;
                WriteError(e.Message, buffer);
                break;
            }
            // The next message is not at hand: send what is buffered now. (Errors writing to the
            // client are not the log's; they propagate.)
            if (!next.IsCompleted && buffer.WrittenCount > 0)
                await FlushAsync(buffer, output, cancellationToken).ConfigureAwait(false);
            try
            {
                more = await next.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Cais.Linux.SyscallException)
            {
                failure = e;
                WriteError(e.Message, buffer);
                more = false;
            }
            if (!more) break;
            Write(enumerator.Current, buffer);
            if (buffer.WrittenCount >= FlushThreshold) await WriteOutAsync(buffer, output, cancellationToken).ConfigureAwait(false);
        }
        await FlushAsync(buffer, output, cancellationToken).ConfigureAwait(false);
        return failure;
    }

    static async Task WriteOutAsync(ArrayBufferWriter<byte> buffer, Stream output, CancellationToken cancellationToken)
    {
        await output.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        buffer.ResetWrittenCount();
    }

    static async Task FlushAsync(ArrayBufferWriter<byte> buffer, Stream output, CancellationToken cancellationToken)
    {
        if (buffer.WrittenCount > 0) await WriteOutAsync(buffer, output, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Docker's attrsByteSlice plus the space: "k=v,k=v " with url.QueryEscape'd keys and values, by key.</summary>
    static byte[] DetailsPrefix(IReadOnlyList<KeyValuePair<string, string>> attributes)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (text.Length > 0) text.Append(',');
            QueryEscape(key, text);
            text.Append('=');
            QueryEscape(value, text);
        }
        text.Append(' ');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    // Go's url.QueryEscape: letters, digits and -_.~ stay; space becomes '+'; every other byte %XX.
    static void QueryEscape(string value, StringBuilder text)
    {
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~') text.Append((char)b);
            else if (b == ' ') text.Append('+');
            else text.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 0xF]);
        }
    }
}
