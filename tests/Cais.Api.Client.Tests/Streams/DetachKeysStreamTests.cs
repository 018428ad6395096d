using Cais.Api.Client.Tests.Support;
using Cais.Api.Models.Streams;

namespace Cais.Api.Client.Tests.Streams;

public sealed class DetachKeysStreamTests
{
    const byte P = 16; // ctrl-p
    const byte Q = 17; // ctrl-q

    /// <summary>Reads everything the stream delivers until end of input or the detach keys.</summary>
    static async Task<(byte[] Delivered, bool Detached)> DrainAsync(Stream input, byte[] keys, int bufferSize = 64)
    {
        await using var detector = new DetachKeysStream(input, keys);
        var delivered = new List<byte>();
        var buffer = new byte[bufferSize];
        try
        {
            int n;
            while ((n = await detector.ReadAsync(buffer)) > 0)
                delivered.AddRange(buffer[..n]);
            return (delivered.ToArray(), false);
        }
        catch (DetachKeysPressedException)
        {
            return (delivered.ToArray(), true);
        }
    }

    [Fact]
    public async Task Read_PlainInput_PassesThrough()
    {
        var (delivered, detached) = await DrainAsync(new MemoryStream("ls -l\n"u8.ToArray()), [P, Q]);

        Assert.Equal("ls -l\n"u8.ToArray(), delivered);
        Assert.False(detached);
    }

    [Fact]
    public async Task Read_Sequence_DetachesAfterDeliveringWhatCameBefore()
    {
        var (delivered, detached) = await DrainAsync(new MemoryStream([(byte)'a', (byte)'b', P, Q, (byte)'c']), [P, Q]);

        Assert.Equal("ab"u8.ToArray(), delivered);
        Assert.True(detached);
    }

    [Fact]
    public async Task Read_SequenceOneKeyPerRead_Detaches()
    {
        var (delivered, detached) = await DrainAsync(new ChunkedReadStream([P, Q], 1), [P, Q]);

        Assert.Empty(delivered);
        Assert.True(detached);
    }

    [Fact]
    public async Task Read_BrokenSequence_DeliversTheHeldKeyInOrder()
    {
        // ctrl-p, a, ctrl-p, ctrl-q: the first ctrl-p is input after all.
        var (delivered, detached) = await DrainAsync(new ChunkedReadStream([P, (byte)'a', P, Q], 1), [P, Q]);

        Assert.Equal([P, (byte)'a'], delivered);
        Assert.True(detached);
    }

    [Fact]
    public async Task Read_RepeatedFirstKey_StillMatchesTheSequence()
    {
        var (delivered, detached) = await DrainAsync(new MemoryStream([P, P, Q]), [P, Q]);

        Assert.Equal([P], delivered);
        Assert.True(detached);
    }

    [Fact]
    public async Task Read_OverlappingLongSequence_MatchesAfterFalseStart()
    {
        // keys a,a,b; input a,a,a,b: the first 'a' is input, the rest the sequence.
        var (delivered, detached) = await DrainAsync(new ChunkedReadStream("aaab"u8.ToArray(), 2), "aab"u8.ToArray());

        Assert.Equal("a"u8.ToArray(), delivered);
        Assert.True(detached);
    }

    [Fact]
    public async Task Read_PartialSequenceAtEndOfInput_IsDelivered()
    {
        var (delivered, detached) = await DrainAsync(new MemoryStream([(byte)'x', P]), [P, Q]);

        Assert.Equal([(byte)'x', P], delivered);
        Assert.False(detached);
    }

    [Fact]
    public async Task Read_AllHeldBack_WaitsForMoreInsteadOfReturningZero()
    {
        // A read that returned 0 would look like end of input; the held ctrl-p must not end the stream.
        var input = new ChunkedReadStream([P, (byte)'z'], 1);
        await using var detector = new DetachKeysStream(input, [P, Q]);
        var buffer = new byte[8];

        var n = await detector.ReadAsync(buffer);

        Assert.Equal(2, n);
        Assert.Equal([P, (byte)'z'], buffer[..2]);
    }

    [Fact]
    public async Task Read_NoKeys_NeverDetaches()
    {
        var (delivered, detached) = await DrainAsync(new MemoryStream([P, Q]), []);

        Assert.Equal([P, Q], delivered);
        Assert.False(detached);
    }

    [Fact]
    public async Task Read_SmallBuffer_DeliversEverythingInPieces()
    {
        var input = "0123456789"u8.ToArray().Concat(new[] { P }).Concat("abc"u8.ToArray()).ToArray();

        var (delivered, detached) = await DrainAsync(new MemoryStream(input), [P, Q], bufferSize: 3);

        Assert.Equal(input, delivered);
        Assert.False(detached);
    }

    [Fact]
    public void Read_Synchronous_DetectsTheSequence()
    {
        using var detector = new DetachKeysStream(new MemoryStream([(byte)'k', P, Q]), [P, Q]);
        var buffer = new byte[16];

        Assert.Equal(1, detector.Read(buffer, 0, buffer.Length));
        Assert.Throws<DetachKeysPressedException>(() => detector.Read(buffer, 0, buffer.Length));
    }
}
