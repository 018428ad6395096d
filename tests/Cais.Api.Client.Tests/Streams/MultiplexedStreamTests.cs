using System.Text;
using Cais.Api.Client.Tests.Support;
using Cais.Api.Models.Streams;

namespace Cais.Api.Client.Tests.Streams;

public sealed class MultiplexedStreamTests
{
    static byte[] Frame(byte stream, byte[] payload)
    {
        var frame = new byte[8 + payload.Length];
        frame[0] = stream;
        frame[4] = (byte)(payload.Length >> 24);
        frame[5] = (byte)(payload.Length >> 16);
        frame[6] = (byte)(payload.Length >> 8);
        frame[7] = (byte)payload.Length;
        payload.CopyTo(frame, 8);
        return frame;
    }

    static byte[] Frame(byte stream, string payload) => Frame(stream, Encoding.UTF8.GetBytes(payload));

    static async Task<(string Stdout, string Stderr)> DemultiplexAsync(Stream input)
    {
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        await new MultiplexedStreamReader(input).CopyToAsync(stdout, stderr);
        return (Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }

    [Fact]
    public async Task WriteFrame_Stdout_WritesDockersHeaderThenPayload()
    {
        using var output = new MemoryStream();

        await new MultiplexedStreamWriter(output).WriteFrameAsync(StdStreamKind.Stdout, "hi\n"u8.ToArray());

        Assert.Equal(new byte[] { 1, 0, 0, 0, 0, 0, 0, 3, (byte)'h', (byte)'i', (byte)'\n' }, output.ToArray());
    }

    [Fact]
    public async Task WriteFrame_LargePayload_LengthIsBigEndian()
    {
        using var output = new MemoryStream();
        var payload = new byte[0x012345];

        await new MultiplexedStreamWriter(output).WriteFrameAsync(StdStreamKind.Stderr, payload);

        Assert.Equal(new byte[] { 2, 0, 0, 0, 0x00, 0x01, 0x23, 0x45 }, output.ToArray()[..8]);
        Assert.Equal(8 + payload.Length, output.Length);
    }

    [Fact]
    public async Task WriteFrame_Empty_WritesNothing()
    {
        using var output = new MemoryStream();
        var writer = new MultiplexedStreamWriter(output);

        await writer.WriteFrameAsync(StdStreamKind.Stdout, ReadOnlyMemory<byte>.Empty);
        writer.OpenStream(StdStreamKind.Stderr).Write([], 0, 0);

        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task OpenStream_ConcurrentWriters_FramesNeverInterleave()
    {
        using var output = new MemoryStream();
        var writer = new MultiplexedStreamWriter(output);
        var stdout = writer.OpenStream(StdStreamKind.Stdout);
        var stderr = writer.OpenStream(StdStreamKind.Stderr);
        var outLine = Encoding.ASCII.GetBytes(new string('o', 5000));
        var errLine = Encoding.ASCII.GetBytes(new string('e', 7000));

        await Task.WhenAll(
            Task.Run(async () => { for (var i = 0; i < 200; i++) await stdout.WriteAsync(outLine); }),
            Task.Run(() => { for (var i = 0; i < 200; i++) stderr.Write(errLine); }));

        output.Position = 0;
        var (outText, errText) = await DemultiplexAsync(output);
        Assert.Equal(200 * 5000, outText.Length);
        Assert.Equal(200 * 7000, errText.Length);
        Assert.True(outText.All(c => c == 'o') && errText.All(c => c == 'e'));
    }

    [Fact]
    public async Task WriteThenRead_EveryKind_RoundTrips()
    {
        using var buffer = new MemoryStream();
        var writer = new MultiplexedStreamWriter(buffer);
        await writer.WriteFrameAsync(StdStreamKind.Stdout, "out"u8.ToArray());
        await writer.WriteFrameAsync(StdStreamKind.Stderr, "err"u8.ToArray());
        await writer.WriteFrameAsync(StdStreamKind.Stdin, "echo"u8.ToArray());
        buffer.Position = 0;

        var reader = new MultiplexedStreamReader(buffer);
        var frames = new List<(StdStreamKind, string)>();
        while (await reader.ReadFrameAsync() is { } frame)
            frames.Add((frame.Kind, Encoding.UTF8.GetString(frame.Payload.Span)));

        Assert.Equal([(StdStreamKind.Stdout, "out"), (StdStreamKind.Stderr, "err"), (StdStreamKind.Stdin, "echo")], frames);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(9)]
    public async Task CopyTo_FramesSplitAcrossReads_ReassemblesThem(int bytesPerRead)
    {
        var data = Frame(1, "hello ").Concat(Frame(2, "warning")).Concat(Frame(1, "world")).Concat(Frame(0, "!")).ToArray();

        var (stdout, stderr) = await DemultiplexAsync(new ChunkedReadStream(data, bytesPerRead));

        Assert.Equal("hello world!", stdout);
        Assert.Equal("warning", stderr);
    }

    [Fact]
    public async Task CopyTo_ManyFramesInOneRead_SplitsThem()
    {
        var data = Enumerable.Range(0, 100).SelectMany(i => Frame((byte)(1 + i % 2), $"{i};")).ToArray();

        var (stdout, stderr) = await DemultiplexAsync(new ChunkedReadStream(data));

        Assert.Equal(string.Concat(Enumerable.Range(0, 100).Where(i => i % 2 == 0).Select(i => $"{i};")), stdout);
        Assert.Equal(string.Concat(Enumerable.Range(0, 100).Where(i => i % 2 == 1).Select(i => $"{i};")), stderr);
    }

    [Fact]
    public async Task CopyTo_LargeFrame_IsCopiedWhole()
    {
        var payload = new byte[5 * 1024 * 1024 + 17];
        new Random(42).NextBytes(payload);
        using var stdout = new MemoryStream();

        var (outBytes, errBytes) = await new MultiplexedStreamReader(new ChunkedReadStream(Frame(1, payload), 65536, 3, 100000))
            .CopyToAsync(stdout, Stream.Null);

        Assert.Equal(payload.Length, outBytes);
        Assert.Equal(0, errBytes);
        Assert.Equal(payload, stdout.ToArray());
    }

    [Fact]
    public async Task CopyTo_EmptyStream_CopiesNothing()
    {
        var (stdout, stderr) = await DemultiplexAsync(new MemoryStream());

        Assert.Equal("", stdout);
        Assert.Equal("", stderr);
    }

    [Fact]
    public async Task CopyTo_ZeroLengthFrame_IsSkipped()
    {
        var data = Frame(1, "").Concat(Frame(1, "x")).ToArray();

        Assert.Equal("x", (await DemultiplexAsync(new MemoryStream(data))).Stdout);
    }

    [Fact]
    public async Task CopyTo_TruncatedHeader_ThrowsNamingTheHeader()
    {
        var data = Frame(1, "ok").Concat(new byte[] { 1, 0, 0 }).ToArray();

        var e = await Assert.ThrowsAsync<MultiplexedStreamException>(() => DemultiplexAsync(new MemoryStream(data)));

        Assert.Contains("frame header (3 of 8 bytes)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CopyTo_TruncatedPayload_ThrowsNamingTheFrameSize()
    {
        var data = Frame(2, "0123456789")[..12];

        var e = await Assert.ThrowsAsync<MultiplexedStreamException>(() => DemultiplexAsync(new ChunkedReadStream(data, 5)));

        Assert.Contains("frame of 10 bytes cut short", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadFrame_TruncatedPayload_Throws()
    {
        var reader = new MultiplexedStreamReader(new MemoryStream(Frame(1, "abcdef")[..10]));

        await Assert.ThrowsAsync<MultiplexedStreamException>(async () => await reader.ReadFrameAsync());
    }

    [Fact]
    public async Task CopyTo_UnknownStreamByte_Throws()
    {
        var e = await Assert.ThrowsAsync<MultiplexedStreamException>(() => DemultiplexAsync(new MemoryStream(Frame(7, "x"))));

        Assert.Contains("unrecognized stream 7", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CopyTo_SystemErrorFrame_RaisesTheDaemonsMessage()
    {
        var data = Frame(1, "partial output").Concat(Frame(3, "failed to read log file")).ToArray();
        using var stdout = new MemoryStream();

        var e = await Assert.ThrowsAsync<DaemonStreamErrorException>(() => new MultiplexedStreamReader(new MemoryStream(data)).CopyToAsync(stdout, Stream.Null));

        Assert.Equal("failed to read log file", e.DaemonMessage);
        Assert.Equal("error from daemon in stream: failed to read log file", e.Message);
        Assert.Equal("partial output", Encoding.UTF8.GetString(stdout.ToArray()));
    }

    [Fact]
    public async Task WriteSystemError_IsReadBackAsDaemonError()
    {
        using var buffer = new MemoryStream();
        await new MultiplexedStreamWriter(buffer).WriteSystemErrorAsync("boom");
        buffer.Position = 0;

        var e = await Assert.ThrowsAsync<DaemonStreamErrorException>(async () => await new MultiplexedStreamReader(buffer).ReadFrameAsync());

        Assert.Equal("boom", e.DaemonMessage);
    }

    [Fact]
    public async Task ReadFrame_LengthOverLimit_ThrowsWithoutAllocating()
    {
        var header = new byte[] { 1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF };

        var e = await Assert.ThrowsAsync<MultiplexedStreamException>(async () => await new MultiplexedStreamReader(new MemoryStream(header)).ReadFrameAsync());

        Assert.Contains("4294967295 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_KindOutOfRange_IsRejectedWhenWriting()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MultiplexedFrameHeader.Write(new byte[8], (StdStreamKind)4, 1));
    }
}
