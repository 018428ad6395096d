namespace Cais.Engine.Logs;

/// <summary>
/// Reads one log file forward, a line at a time, from an offset. Only whole lines come out: bytes
/// after the last newline stay buffered until the rest is written (a follower calls again later),
/// or are never returned (a line cut short by a crash). A file may stop at a limit (its size
/// when a read that does not follow began).
/// </summary>
sealed class LogFileCursor
{
    const int InitialBufferSize = 64 * 1024;

    // Docker's lines are at most 16 KiB of text, escaped (6x at worst), plus attrs. Anything far
    // longer is not a json-file line; it is skipped up to its newline instead of filling memory.
    const int MaxLineLength = 8 * 1024 * 1024;

    readonly long limit;
    byte[] buffer = new byte[InitialBufferSize];
    int start, end;       // buffer[start..end] holds unread bytes, which end at file offset readOffset
    long readOffset;
    bool discarding;      // inside an over-long line: drop bytes up to the next newline

    public LogFileCursor(LogFile file, long offset, long? limit = null)
    {
        File = file;
        readOffset = offset;
        this.limit = limit ?? long.MaxValue;
    }

    public LogFile File { get; }

    /// <summary>Bytes read past the last whole line: a line still being written, or one cut short.</summary>
    public bool HasIncompleteLine => end > start || discarding;

    /// <summary>The next whole line, without its newline; false when the file has no more (yet).</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        int searched = 0; // bytes after start already known to hold no newline
        while (true)
        {
            int newline = buffer.AsSpan(start + searched, end - start - searched).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                int lineEnd = start + searched + newline;
                bool skip = discarding;
                discarding = false;
                line = buffer.AsSpan(start, lineEnd - start);
                start = lineEnd + 1;
                if (skip)
                {
                    searched = 0;
                    continue;
                }
                return true;
            }
            searched = end - start;
            if (searched >= MaxLineLength)
            {
                discarding = true;
                start = end = 0;
                searched = 0;
            }
            if (!Fill())
            {
                line = default;
                return false;
            }
        }
    }

    /// <summary>Reads more of the file behind the buffered bytes; false at the end (or the limit).</summary>
    bool Fill()
    {
        if (readOffset >= limit) return false;
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }
        if (end == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
        var room = buffer.AsSpan(end, (int)Math.Min(buffer.Length - end, limit - readOffset));
        int n = RandomAccess.Read(File.Handle, room, readOffset);
        if (n == 0) return false;
        readOffset += n;
        end += n;
        return true;
    }
}
