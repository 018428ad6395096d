namespace Cais.Engine.Logs;

/// <summary>What <see cref="LogReadSession.Next"/> found.</summary>
enum LogReadStep
{
    /// <summary>A message the request selects.</summary>
    Entry,
    /// <summary>Following, and everything written so far has been read.</summary>
    CaughtUp,
    /// <summary>Nothing more: the end of the log (not following), or a message after until.</summary>
    End,
}

/// <summary>
/// The synchronous heart of a logs read: opens the log's files, starts at the tail position,
/// reads whole lines oldest first, parses and filters them, and when following, notices that
/// the file it reads was rotated away, finishes it and goes on with the newer files. It never
/// waits; <see cref="JsonFileLogReader"/> does the waiting between <see cref="LogReadStep.CaughtUp"/>s.
/// </summary>
sealed class LogReadSession : IDisposable
{
    readonly string path;
    readonly LogEntryFilter filter;
    readonly bool follow;
    readonly Queue<LogFileCursor> queue = new();
    readonly List<LogFile> opened = [];
    LogFileCursor? cursor;
    bool cursorIsLive;       // the file the log's path named: it may still grow
    LogFile? lastFinished;   // following: the newest file read to its end, kept open until its successor is found
    bool ended;

    public LogReadSession(string path, LogReadOptions options)
    {
        if (options.Tail < 0)
            throw new InvalidLogArgumentException($"invalid tail {options.Tail}: give a number of lines, 0 or more");
        this.path = path;
        filter = new LogEntryFilter(options);
        follow = options.Follow;
        var newestFirst = new List<LogFile>();
        try
        {
            if (LogFileChain.OpenNewest(path) is { } newest) newestFirst.Add(newest);
            LogPosition start;
            if (options.Tail is int n)
            {
                start = LogTailLocator.Find(newestFirst, older => LogFileChain.OpenPredecessor(path, older), n, filter);
            }
            else
            {
                while (newestFirst.Count > 0 && LogFileChain.OpenPredecessor(path, newestFirst[^1]) is { } older) newestFirst.Add(older);
                start = new LogPosition(newestFirst.Count - 1, 0);
            }
            opened.AddRange(newestFirst);
            for (int i = start.FileIndex; i >= 0; i--)
            {
                var file = newestFirst[i];
                // Without follow, the read ends where the log ended when it began.
                queue.Enqueue(new LogFileCursor(file, i == start.FileIndex ? start.Offset : 0, follow ? null : file.SizeAtOpen));
            }
        }
        catch
        {
            foreach (var f in newestFirst) f.Dispose();
            throw;
        }
        TakeNextFile();
    }

    public LogReadStep Next(out LogEntry? entry)
    {
        entry = null;
        while (!ended)
        {
            if (cursor is null)
            {
                if (!follow) return LogReadStep.End;
                // Following, and the files read so far are done: is there a newer one yet?
                var next = LogFileChain.OpenSuccessor(path, lastFinished);
                if (next is null) return LogReadStep.CaughtUp;
                Enqueue(next);
                TakeNextFile();
            }
            while (cursor!.TryReadLine(out var line))
            {
                if (!JsonLogLine.TryParse(line, out var parsed)) continue; // damaged: skipped
                if (filter.IsAfterUntil(parsed.Time))
                {
                    ended = true;
                    return LogReadStep.End;
                }
                if (!filter.Matches(parsed.Stream, parsed.Time)) continue;
                entry = parsed.ToEntry();
                return LogReadStep.Entry;
            }
            if (cursorIsLive)
            {
                if (FileIdentity.OfPath(path) == cursor.File.Identity) return LogReadStep.CaughtUp;
                // Rotated away. Lines may have been added between the read above and the rotation:
                // read it once more to its end, now final; then the newer files.
                cursorIsLive = false;
                continue;
            }
            // A complete file is done; an unfinished last line in it was cut short, never to be finished.
            if (lastFinished is not null)
            {
                opened.Remove(lastFinished);
                lastFinished.Dispose();
            }
            lastFinished = cursor.File;
            TakeNextFile();
        }
        return LogReadStep.End;
    }

    void Enqueue(LogFile file)
    {
        opened.Add(file);
        queue.Enqueue(new LogFileCursor(file, 0));
    }

    bool TakeNextFile()
    {
        if (!queue.TryDequeue(out cursor)) return false;
        // Only the newest file can still grow, and only while the path names it.
        cursorIsLive = follow && queue.Count == 0 && FileIdentity.OfPath(path) == cursor.File.Identity;
        return true;
    }

    public void Dispose()
    {
        foreach (var f in opened) f.Dispose();
    }
}
