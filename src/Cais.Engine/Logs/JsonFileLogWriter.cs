namespace Cais.Engine.Logs;

/// <summary>
/// Writes a container's output to its json-file log (&lt;id&gt;-json.log), in Docker's format, so
/// that `docker logs` works and tools that read Docker's log files read cais's unchanged.
/// </summary>
/// <remarks>
/// The monitor calls <see cref="Append"/> with each chunk it reads from the container's stdout or
/// stderr (two threads; every call takes one lock), <see cref="EndStream"/> when a stream ends,
/// and <see cref="Dispose"/> at the end. A chunk's messages are encoded into one buffer and
/// written with one write(2) before Append returns: readers following the log see them at once
/// (the page cache is shared), and nothing is fsynced — Docker does not either; a crash can
/// cost the last lines, and a half-written last line is skipped by the reader and terminated
/// here the next time the file is opened.
/// Rotation follows Docker: before an entry is written, a file that has reached max-size is
/// renamed to .1 (older ones move up, the one past max-file is deleted) and a new file begun.
/// With max-file 1 Docker truncates in place; cais unlinks and recreates instead, so a reader
/// following the old file sees a new inode instead of its offset pointing past the end.
/// </remarks>
public sealed class JsonFileLogWriter : IDisposable
{
    public const string FileNameSuffix = "-json.log";

    // Encoded entries wait here until the end of the chunk; a longer run is written in pieces.
    const int FlushThreshold = 64 * 1024;

    readonly Lock gate = new();
    readonly LogOptions options;
    readonly byte[] attributesJson;
    readonly TimeProvider clock;
    readonly LogLineSplitter[] splitters = [new(), new()];
    // The time of the first piece of a long line, which Docker gives to every piece of it.
    readonly LogTimestamp?[] pieceTimes = new LogTimestamp?[2];
    byte[] buffer = new byte[FlushThreshold + JsonLogEntryEncoder.MaxEncodedLength(LogLineSplitter.DefaultBufferSize, 0)];
    int buffered;
    FileStream? file;
    long fileSize;
    int? rotatedFiles; // .1 .. .N present, counted at the first rotation

    /// <param name="path">The log file, normally <see cref="PathFor"/>; its directory must exist.</param>
    /// <param name="attributes">Extra attributes for every entry (<see cref="LogOptions.ExtraAttributes"/>).</param>
    /// <param name="clock">Where entries' times come from (tests pass a fixed clock).</param>
    public JsonFileLogWriter(string path, LogOptions? options = null, IReadOnlyDictionary<string, string>? attributes = null,
        TimeProvider? clock = null)
    {
        Path = System.IO.Path.GetFullPath(path);
        this.options = options ?? LogOptions.Default;
        attributesJson = JsonLogEntryEncoder.EncodeAttributes(attributes);
        this.clock = clock ?? TimeProvider.System;
        Open();
    }

    /// <summary>The log of the container <paramref name="containerId"/> in its directory: "&lt;id&gt;-json.log".</summary>
    public static string PathFor(string containerDirectory, string containerId) =>
        System.IO.Path.Combine(containerDirectory, containerId + FileNameSuffix);

    public string Path { get; }

    /// <summary>Logs the complete lines in <paramref name="chunk"/>; bytes after its last newline wait for the next chunk.</summary>
    public void Append(LogStream stream, ReadOnlySpan<byte> chunk)
    {
        lock (gate)
        {
            var splitter = Splitter(stream);
            _ = File; // fail when closed, before consuming anything
            try
            {
                while (splitter.TryNext(ref chunk, out var message, out bool partial))
                    Write(stream, message, partial);
                Flush();
            }
            catch
            {
                buffered = 0; // the chunk's unwritten entries are lost, as Docker loses a failed write
                TryRecover();
                throw;
            }
        }
    }

    /// <summary>The stream ended: what is left after its last newline is logged, without a newline (as Docker does).</summary>
    public void EndStream(LogStream stream)
    {
        lock (gate)
        {
            _ = File;
            EndStreamLocked(stream);
            Flush();
        }
    }

    void EndStreamLocked(LogStream stream)
    {
        if (Splitter(stream).TryFlush(out var rest))
            Write(stream, rest, partial: true);
        pieceTimes[(int)stream - 1] = null;
    }

    void Write(LogStream stream, ReadOnlySpan<byte> content, bool partial)
    {
        ref var pieceTime = ref pieceTimes[(int)stream - 1];
        var time = pieceTime ?? LogTimestamp.Now(clock);
        pieceTime = partial ? time : null;

        if (options.MaxSize is long limit && fileSize + buffered >= limit)
        {
            Flush();
            Rotate();
        }
        int needed = JsonLogEntryEncoder.MaxEncodedLength(content.Length, attributesJson.Length);
        if (buffered + needed > buffer.Length)
        {
            Flush();
            if (needed > buffer.Length) buffer = new byte[needed];
        }
        buffered += JsonLogEntryEncoder.Encode(buffer.AsSpan(buffered), stream, content, partial, time, attributesJson);
        if (buffered >= FlushThreshold) Flush();
    }

    void Flush()
    {
        if (buffered == 0) return;
        File.Write(buffer.AsSpan(0, buffered));
        fileSize += buffered;
        buffered = 0;
    }

    void Rotate()
    {
        file?.Dispose();
        file = null;
        if (options.MaxFile >= 2)
        {
            // Docker renames every slot up to max-file; only the files there are need it.
            rotatedFiles ??= CountRotatedFiles();
            if (rotatedFiles >= options.MaxFile - 1)
            {
                DeleteIfExists($"{Path}.{options.MaxFile - 1}");
                rotatedFiles = options.MaxFile - 2;
            }
            for (int i = rotatedFiles.Value + 1; i >= 2; i--)
                MoveIfExists($"{Path}.{i - 1}", $"{Path}.{i}");
            MoveIfExists(Path, Path + ".1");
            rotatedFiles++;
        }
        else
        {
            DeleteIfExists(Path);
        }
        Open();
    }

    void Open()
    {
        file = new FileStream(Path, new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, // 0640, as Docker
        });
        Resynchronise();
    }

    /// <summary>
    /// Takes the file's real size (after a failed write, or when appending to an existing log)
    /// and ends a half-written last line, so that the next entry starts on a line of its own.
    /// </summary>
    void Resynchronise()
    {
        var f = File;
        fileSize = f.Length;
        f.Position = fileSize;
        if (fileSize == 0) return;
        Span<byte> last = stackalloc byte[1];
        if (RandomAccess.Read(f.SafeFileHandle, last, fileSize - 1) == 1 && last[0] != (byte)'\n')
        {
            f.Write("\n"u8);
            fileSize++;
        }
    }

    /// <summary>After a failed write or rotation: a file to write to, its true size, whole lines. Best effort; the first error is the one reported.</summary>
    void TryRecover()
    {
        try
        {
            if (file is null) Open();
            else Resynchronise();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>How many numbered files (.1, .2, ... without a gap) are kept now, at most max-file - 1.</summary>
    int CountRotatedFiles()
    {
        int n = 0;
        while (n < options.MaxFile - 1 && System.IO.File.Exists($"{Path}.{n + 1}")) n++;
        return n;
    }

    static void DeleteIfExists(string path)
    {
        try
        {
            System.IO.File.Delete(path); // no error when missing
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    static void MoveIfExists(string from, string to)
    {
        try
        {
            System.IO.File.Move(from, to, overwrite: true); // rename(2)
        }
        catch (FileNotFoundException)
        {
        }
    }

    LogLineSplitter Splitter(LogStream stream) => stream switch
    {
        LogStream.Stdout or LogStream.Stderr => splitters[(int)stream - 1],
        _ => throw new ArgumentOutOfRangeException(nameof(stream), stream, "a log stream is stdout or stderr"),
    };

    FileStream File => file ?? throw new ObjectDisposedException(nameof(JsonFileLogWriter), $"the log {Path} is closed");

    /// <summary>Logs what both streams left after their last newline, and closes the file.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (file is null) return;
            try
            {
                EndStreamLocked(LogStream.Stdout);
                EndStreamLocked(LogStream.Stderr);
                Flush();
            }
            finally
            {
                file?.Dispose();
                file = null;
            }
        }
    }
}
