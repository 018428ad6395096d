using System.Buffers.Binary;
using System.Text;
using Cais.Api.Streams;

namespace Cais.Api.Tests.Http;

public class MultiplexedStreamWriterTests
{
    [Fact]
    public async Task WriteAsync_Frame_IsDockersEightByteHeaderThenPayload()
    {
        var output = new MemoryStream();
        var writer = new MultiplexedStreamWriter(output);
        await writer.WriteAsync(StdStream.Stderr, Encoding.ASCII.GetBytes("oops\n"));
        Assert.Equal(new byte[] { 2, 0, 0, 0, 0, 0, 0, 5, (byte)'o', (byte)'o', (byte)'p', (byte)'s', (byte)'\n' }, output.ToArray());
    }

    [Fact]
    public async Task WriteAsync_Empty_WritesNothing()
    {
        var output = new MemoryStream();
        await new MultiplexedStreamWriter(output).WriteAsync(StdStream.Stdout, ReadOnlyMemory<byte>.Empty);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void WriteHeader_LargeLength_BigEndian()
    {
        var header = new byte[8];
        MultiplexedStreamWriter.WriteHeader(header, StdStream.SystemErr, 0x01020304);
        Assert.Equal(new byte[] { 3, 0, 0, 0, 1, 2, 3, 4 }, header);
    }

    [Fact]
    public async Task StreamFor_TwoPumpsAtOnce_FramesNeverInterleave()
    {
        var output = new MemoryStream();
        var writer = new MultiplexedStreamWriter(output);
        var stdout = writer.StreamFor(StdStream.Stdout);
        var stderr = writer.StreamFor(StdStream.Stderr);
        var outData = Enumerable.Repeat((byte)'o', 1000).ToArray();
        var errData = Enumerable.Repeat((byte)'e', 700).ToArray();
        await Task.WhenAll(
            Task.Run(async () => { for (int i = 0; i < 200; i++) await stdout.WriteAsync(outData); }),
            Task.Run(async () => { for (int i = 0; i < 200; i++) await stderr.WriteAsync(errData); }));
        var bytes = output.ToArray();
        int offset = 0, frames = 0;
        while (offset < bytes.Length)
        {
            var kind = bytes[offset];
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset + 4));
            var payload = bytes.AsSpan(offset + 8, length);
            Assert.True(kind is 1 or 2);
            Assert.Equal(kind == 1 ? 1000 : 700, length);
            Assert.True(payload.IndexOfAnyExcept(kind == 1 ? (byte)'o' : (byte)'e') < 0, "a frame's payload is mixed");
            offset += 8 + length;
            frames++;
        }
        Assert.Equal(400, frames);
    }
}
