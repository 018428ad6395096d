using System.Diagnostics;
using Cais.Engine.Logs;

// LogBench write LOG LINES   -- LINES lines of output, in the chunks a pipe read gives the monitor,
//                                into a json-file log at LOG
// LogBench read LOG          -- reads LOG back whole and formats it as the logs API would (frames)
// LogBench tail LOG N        -- the last N messages of LOG
// Prints the messages handled and the time spent; run.sh also times whole processes.
if (args.Length < 2 || args[0] is not ("write" or "read" or "tail"))
{
    Console.Error.WriteLine("usage: LogBench write LOG LINES | read LOG | tail LOG N");
    return 2;
}
var clock = Stopwatch.StartNew();
long count = 0;
switch (args[0])
{
    case "write":
    {
        // The output of `seq -f "line %.0f of the benchmark output" 1 LINES`, made beforehand and
        // handed over in 32 KiB chunks, the most a pipe read gives the monitor: only the writer is timed.
        var text = new System.Text.StringBuilder();
        for (int i = 1; i <= int.Parse(args[2]); i++) text.Append("line ").Append(i).Append(" of the benchmark output\n");
        var output = System.Text.Encoding.ASCII.GetBytes(text.ToString());
        clock.Restart();
        using (var writer = new JsonFileLogWriter(args[1]))
        {
            for (int at = 0; at < output.Length; at += 32 * 1024)
                writer.Append(LogStream.Stdout, output.AsSpan(at, Math.Min(32 * 1024, output.Length - at)));
        }
        count = output.Length;
        break;
    }
    case "read":
    case "tail":
    {
        var options = new LogReadOptions { Tail = args[0] == "tail" ? int.Parse(args[2]) : null };
        var formatter = new LogResponseFormatter(multiplexed: true, timestamps: false);
        var output = new CountingStream();
        await formatter.CopyAsync(new JsonFileLogReader(args[1]).ReadAsync(options), output);
        count = output.Length;
        break;
    }
}
Console.WriteLine($"{args[0]} {count} bytes {clock.Elapsed.TotalMilliseconds:F0} ms");
return 0;

/// <summary>Where the API's response would go: counts the bytes, keeps none.</summary>
sealed class CountingStream : Stream
{
    long length;
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => length;
    public override long Position { get => length; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => length += count;
    public override void Write(ReadOnlySpan<byte> buffer) => length += buffer.Length;
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        length += buffer.Length;
        return ValueTask.CompletedTask;
    }
}
