namespace Cais.Engine.Logs;

/// <summary>
/// Turns the chunks of bytes read from one output stream into log messages, as Docker's log
/// copier does: a message per line ('\n' removed; a '\r' before it stays), and a line that does
/// not fit Docker's 16 KiB buffer (newline included) goes out in pieces of at most 16 KiB
/// that are "partial": no newline is added when they are written. At the end of the stream
/// the bytes after the last newline are a partial message too.
/// </summary>
/// <remarks>
/// Use: feed each chunk through <see cref="TryNext"/> until it returns false, then read the
/// next chunk; at the end of the stream call <see cref="TryFlush"/>. A message may point into
/// the chunk or into the splitter's buffer: consume it before the next call. One splitter per
/// stream; not thread-safe.
/// One deliberate difference from Docker: a piece is not cut inside a UTF-8 sequence (it ends
/// up to 3 bytes early instead), so a long line of non-ASCII text does not turn into U+FFFD at
/// every 16 KiB boundary when it is written as JSON. ASCII output is cut exactly as Docker cuts it.
/// </remarks>
public sealed class LogLineSplitter
{
    /// <summary>Docker's copier buffer (defaultBufSize): the longest message, newline included.</summary>
    public const int DefaultBufferSize = 16 * 1024;

    readonly byte[] pending;
    int pendingLength;
    // Bytes cut off the end of the last piece (an incomplete UTF-8 sequence) that still wait at
    // pending[carryStart..]; moved to the front on the next call, once the piece was consumed.
    int carryStart, carryLength;

    public LogLineSplitter(int bufferSize = DefaultBufferSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 8);
        pending = new byte[bufferSize];
    }

    /// <summary>Bytes waiting for the rest of their line.</summary>
    public int PendingLength => pendingLength + carryLength;

    /// <summary>
    /// Takes the next message out of <paramref name="chunk"/> (advancing it), or keeps the rest
    /// of the chunk and returns false when no message is complete yet.
    /// </summary>
    /// <param name="message">The line without its newline, or a piece of a long line.</param>
    /// <param name="partial">True for a piece: the line goes on in the next message.</param>
    public bool TryNext(ref ReadOnlySpan<byte> chunk, out ReadOnlySpan<byte> message, out bool partial)
    {
        TakeCarry();
        int room = pending.Length - pendingLength;
        var window = chunk.Length > room ? chunk[..room] : chunk;
        int newline = window.IndexOf((byte)'\n');
        if (newline >= 0)
        {
            if (pendingLength == 0)
            {
                message = chunk[..newline];
            }
            else
            {
                chunk[..newline].CopyTo(pending.AsSpan(pendingLength));
                message = pending.AsSpan(0, pendingLength + newline);
                pendingLength = 0;
            }
            chunk = chunk[(newline + 1)..];
            partial = false;
            return true;
        }
        if (chunk.Length < room)
        {
            chunk.CopyTo(pending.AsSpan(pendingLength));
            pendingLength += chunk.Length;
            chunk = default;
            message = default;
            partial = false;
            return false;
        }
        // The buffer is full without a newline: out goes a piece.
        partial = true;
        if (pendingLength == 0)
        {
            int cut = Utf8SafeCut(window);
            message = chunk[..cut];
            chunk = chunk[cut..];
            return true;
        }
        window.CopyTo(pending.AsSpan(pendingLength));
        chunk = chunk[window.Length..];
        int end = Utf8SafeCut(pending);
        message = pending.AsSpan(0, end);
        carryStart = end;
        carryLength = pending.Length - end;
        pendingLength = 0;
        return true;
    }

    /// <summary>At the end of the stream: the bytes after the last newline, as a partial message (none when empty).</summary>
    public bool TryFlush(out ReadOnlySpan<byte> message)
    {
        TakeCarry();
        message = pending.AsSpan(0, pendingLength);
        pendingLength = 0;
        return message.Length > 0;
    }

    void TakeCarry()
    {
        if (carryLength == 0) return;
        pending.AsSpan(carryStart, carryLength).CopyTo(pending);
        pendingLength = carryLength;
        carryLength = 0;
    }

    /// <summary>
    /// Where to end a piece of a full buffer: before a UTF-8 sequence that the buffer's last
    /// bytes start but do not finish; at the end otherwise (also for bytes that are not UTF-8).
    /// </summary>
    static int Utf8SafeCut(ReadOnlySpan<byte> full)
    {
        for (int back = 1; back <= 3 && back < full.Length; back++)
        {
            byte b = full[^back];
            if ((b & 0xC0) == 0x80) continue; // continuation byte: look further back for the lead
            int needed = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
            return needed > back ? full.Length - back : full.Length;
        }
        return full.Length;
    }
}
