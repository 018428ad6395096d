namespace Cais.Engine.Logs;

/// <summary>Where a read starts: a file (index in a newest-first list) and a byte offset in it.</summary>
readonly record struct LogPosition(int FileIndex, long Offset);

/// <summary>
/// Finds where the last N messages of a log begin by reading backwards from the end of the
/// newest file, a block at a time, and opening older files only while more are needed: `logs
/// --tail 10` of a large log reads a few KiB, not the whole history. Only messages the request
/// selects count (streams, since, until), and the scan stops early at the first message older
/// than since, since everything before it is older still.
/// </summary>
static class LogTailLocator
{
    /// <param name="newestFirst">The files found so far, newest first; older ones are appended as needed.</param>
    /// <param name="openOlder">Opens the file before the given one; null when there is none.</param>
    public static LogPosition Find(List<LogFile> newestFirst, Func<LogFile, LogFile?> openOlder, int count, LogEntryFilter filter)
    {
        if (newestFirst.Count == 0) return new(-1, 0); // no file: nothing to read
        if (count <= 0) return new(0, newestFirst[0].SizeAtOpen);
        int counted = 0;
        for (int index = 0; ; index++)
        {
            if (index == newestFirst.Count)
            {
                var older = openOlder(newestFirst[^1]);
                if (older is null) return new(index - 1, 0); // fewer than count in the whole log: all of it
                newestFirst.Add(older);
            }
            var reader = new BackwardLineReader(newestFirst[index]);
            while (reader.TryPrevious(out var line, out long offset))
            {
                if (!JsonLogLine.TryParse(line, out var entry)) continue; // damaged: neither counted nor shown
                if (filter.IsBeforeSince(entry.Time)) return new(index, offset + line.Length + 1);
                if (filter.Matches(entry.Stream, entry.Time) && ++counted == count) return new(index, offset);
            }
        }
    }
}

/// <summary>Reads a file's whole lines last to first, from its size at open; an unfinished last line is passed over.</summary>
sealed class BackwardLineReader(LogFile file)
{
    const int BlockSize = 64 * 1024;
    const int MaxLineLength = 8 * 1024 * 1024;

    byte[] buffer = [];
    int lo, hi;                     // buffer[lo..hi] is file data starting at offset position
    long position = file.SizeAtOpen;
    bool endFound;                  // the bytes after the file's last newline have been dropped
    bool skipping;                  // the line at hi is over-long: drop it when its start is found

    public bool TryPrevious(out ReadOnlySpan<byte> line, out long offset)
    {
        while (true)
        {
            var region = buffer.AsSpan(lo, hi - lo);
            if (!endFound)
            {
                int last = region.LastIndexOf((byte)'\n');
                if (last >= 0)
                {
                    hi = lo + last + 1;
                    endFound = true;
                    continue;
                }
            }
            else if (region.Length > 0)
            {
                // region ends with the newline of the line wanted; its start follows the newline before.
                int previous = region[..^1].LastIndexOf((byte)'\n');
                if (previous >= 0 || position == 0)
                {
                    int lineStart = lo + previous + 1;
                    line = buffer.AsSpan(lineStart, hi - 1 - lineStart);
                    offset = position + (lineStart - lo);
                    hi = lineStart;
                    if (skipping)
                    {
                        skipping = false;
                        continue;
                    }
                    return true;
                }
                if (region.Length > MaxLineLength)
                {
                    hi = lo + 1; // keep a stand-in newline for the over-long line; drop it once its start is found
                    buffer[lo] = (byte)'\n';
                    skipping = true;
                }
            }
            if (position == 0)
            {
                line = default;
                offset = 0;
                return false;
            }
            ReadBlock();
        }
    }

    void ReadBlock()
    {
        int n = (int)Math.Min(BlockSize, position);
        if (lo < n)
        {
            int length = hi - lo;
            var grown = length + n > buffer.Length ? new byte[Math.Max(buffer.Length * 2, length + n + BlockSize)] : buffer;
            Array.Copy(buffer, lo, grown, grown.Length - length, length); // Array.Copy handles the overlap
            buffer = grown;
            lo = grown.Length - length;
            hi = grown.Length;
        }
        var target = buffer.AsSpan(lo - n, n);
        int done = 0;
        while (done < n)
        {
            int read = RandomAccess.Read(file.Handle, target[done..], position - n + done);
            if (read == 0) throw new IOException($"{file.Path} is shorter than when it was opened");
            done += read;
        }
        lo -= n;
        position -= n;
    }
}
