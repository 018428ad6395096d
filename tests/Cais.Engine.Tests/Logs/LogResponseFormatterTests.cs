using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using Cais.Engine.Logs;
using Cais.TestSupport;
using static Cais.Engine.Tests.Logs.LogTestSupport;

namespace Cais.Engine.Tests.Logs;

public class LogResponseFormatterTests
{
    static readonly LogTimestamp Time = LogTimestamp.FromUnix(1795428672, 123456700);

    static LogEntry Entry(LogStream stream, string line, params (string, string)[] attributes) =>
        new(stream, Time, Bytes(line), attributes.Select(a => KeyValuePair.Create(a.Item1, a.Item2)).ToList());

    static byte[] Format(LogResponseFormatter formatter, params LogEntry[] entries)
    {
        var output = new ArrayBufferWriter<byte>();
        foreach (var e in entries) formatter.Write(e, output);
        return output.WrittenSpan.ToArray();
    }

    static byte[] Frame(byte stream, string payload)
    {
        var bytes = Bytes(payload);
        return [stream, 0, 0, 0, (byte)(bytes.Length >> 24), (byte)(bytes.Length >> 16), (byte)(bytes.Length >> 8), (byte)bytes.Length, .. bytes];
    }

    [Fact]
    public void Write_NotTty_OneMultiplexedFramePerMessage()
    {
        var bytes = Format(new LogResponseFormatter(multiplexed: true, timestamps: false),
            Entry(LogStream.Stdout, "out\n"), Entry(LogStream.Stderr, "err\n"));

        Assert.Equal([.. Frame(1, "out\n"), .. Frame(2, "err\n")], bytes);
    }

    [Fact]
    public void Write_Tty_RawBytes()
    {
        var bytes = Format(new LogResponseFormatter(multiplexed: false, timestamps: false),
            Entry(LogStream.Stdout, "one\r\n"), Entry(LogStream.Stdout, "partial"));

        Assert.Equal("one\r\npartial", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Write_Timestamps_NineFractionDigitsAndASpace()
    {
        var bytes = Format(new LogResponseFormatter(multiplexed: true, timestamps: true), Entry(LogStream.Stdout, "hi\n"));

        Assert.Equal(Frame(1, "2026-11-23T10:11:12.123456700Z hi\n"), bytes);
    }

    [Fact]
    public void Write_Details_AttributesSortedAndQueryEscaped()
    {
        var bytes = Format(new LogResponseFormatter(multiplexed: false, timestamps: true, details: true),
            Entry(LogStream.Stdout, "hi\n", ("tag", "web app"), ("a/b", "x&y=z~")));

        Assert.Equal("2026-11-23T10:11:12.123456700Z a%2Fb=x%26y%3Dz~,tag=web+app hi\n", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Write_DetailsWithoutAttributes_JustTheSpace()
    {
        var bytes = Format(new LogResponseFormatter(multiplexed: false, timestamps: false, details: true), Entry(LogStream.Stdout, "hi\n"));

        Assert.Equal(" hi\n", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void WriteError_NotTty_SystemErrorFrame()
    {
        var output = new ArrayBufferWriter<byte>();

        new LogResponseFormatter(multiplexed: true, timestamps: false).WriteError("disk on fire", output);

        Assert.Equal(Frame(3, "Error grabbing logs: disk on fire\n"), output.WrittenSpan.ToArray());
    }

    [Fact]
    public async Task CopyAsync_LogFromDisk_FramesInOrder()
    {
        using var dir = new TempDir();
        string path = JsonFileLogWriter.PathFor(dir.Path, "abc");
        using (var writer = new JsonFileLogWriter(path))
        {
            writer.Append(LogStream.Stdout, Bytes("a\n"));
            writer.Append(LogStream.Stderr, Bytes("b\n"));
        }
        var output = new MemoryStream();

        var failure = await new LogResponseFormatter(multiplexed: true, timestamps: false)
            .CopyAsync(new JsonFileLogReader(path).ReadAsync(new LogReadOptions()), output);

        Assert.Null(failure);
        Assert.Equal([.. Frame(1, "a\n"), .. Frame(2, "b\n")], output.ToArray());
    }

    [Fact]
    public async Task CopyAsync_NextMessageNotReady_FlushesWhatItHasFirst()
    {
        var gate = new TaskCompletionSource();
        var output = new RecordingStream();

        var copy = new LogResponseFormatter(multiplexed: false, timestamps: false).CopyAsync(Slow(gate.Task), output);
        await output.Flushed.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("first\n", Encoding.UTF8.GetString(output.ToArray()));
        gate.SetResult();
        Assert.Null(await copy);
        Assert.Equal("first\nsecond\n", Encoding.UTF8.GetString(output.ToArray()));

        static async IAsyncEnumerable<LogEntry> Slow(Task gate)
        {
            yield return Entry(LogStream.Stdout, "first\n");
            await gate;
            yield return Entry(LogStream.Stdout, "second\n");
        }
    }

    [Fact]
    public async Task CopyAsync_ReadFails_ErrorWrittenIntoTheStreamAndReturned()
    {
        var output = new MemoryStream();

        var failure = await new LogResponseFormatter(multiplexed: true, timestamps: false).CopyAsync(Failing(), output);

        Assert.IsType<IOException>(failure);
        Assert.Equal([.. Frame(1, "ok\n"), .. Frame(3, "Error grabbing logs: read error\n")], output.ToArray());

        static async IAsyncEnumerable<LogEntry> Failing([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            yield return Entry(LogStream.Stdout, "ok\n");
            await Task.Yield();
            throw new IOException("read error");
        }
    }

    /// <summary>A MemoryStream that says when it was first flushed.</summary>
    sealed class RecordingStream : MemoryStream
    {
        readonly TaskCompletionSource flushed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Flushed => flushed.Task;

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            flushed.TrySetResult();
            return Task.CompletedTask;
        }
    }
}
