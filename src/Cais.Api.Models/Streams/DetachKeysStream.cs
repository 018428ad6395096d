namespace Cais.Api.Models.Streams;

/// <summary>
/// Wraps the user's input (stdin) on its way to an attached container and watches it for the
/// detach key sequence, like Docker's <c>term.EscapeProxy</c>. Bytes that might begin the
/// sequence are held back until it is clear whether they do: if the sequence completes, they are
/// dropped and the next read throws <see cref="DetachKeysPressedException"/> (bytes typed before
/// the sequence are delivered first); if it breaks, they are delivered in order. Unlike a Go
/// reader, a .NET read cannot return 0 without meaning end of stream, so a read whose bytes are
/// all held back waits for more input instead.
/// </summary>
public sealed class DetachKeysStream : Stream
{
    readonly Stream inner;
    readonly byte[] keys;
    readonly bool leaveOpen;
    byte[] pending = new byte[256];
    int pendingStart;
    int pendingEnd;
    int matched;
    bool detachRequested;
    byte[] scratch = [];

    /// <param name="inner">The input to watch.</param>
    /// <param name="keys">The sequence (see <see cref="DetachKeys.Parse"/>); empty disables detaching.</param>
    /// <param name="leaveOpen">Whether disposing this stream leaves <paramref name="inner"/> open.</param>
    public DetachKeysStream(Stream inner, ReadOnlySpan<byte> keys, bool leaveOpen = false)
    {
        this.inner = inner ?? throw new ArgumentNullException(nameof(inner));
        if (!inner.CanRead)
            throw new ArgumentException("the input stream is not readable", nameof(inner));
        this.keys = keys.ToArray();
        this.leaveOpen = leaveOpen;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
            return 0;
        var scratch = Scratch(buffer.Length);
        while (true)
        {
            if (TakePending(buffer) is var taken and > 0)
                return taken;
            ThrowIfDetached();
            var n = inner.Read(scratch.AsSpan(0, buffer.Length));
            if (Accept(scratch.AsSpan(0, n)))
                return 0;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
            return 0;
        var scratch = Scratch(buffer.Length);
        while (true)
        {
            if (TakePending(buffer.Span) is var taken and > 0)
                return taken;
            ThrowIfDetached();
            var n = await inner.ReadAsync(scratch.AsMemory(0, buffer.Length), cancellationToken).ConfigureAwait(false);
            if (Accept(scratch.AsSpan(0, n)))
                return 0;
        }
    }

    byte[] Scratch(int size)
    {
        if (scratch.Length < size)
            scratch = new byte[size];
        return scratch;
    }

    void ThrowIfDetached()
    {
        if (detachRequested)
            throw new DetachKeysPressedException();
    }

    /// <summary>Runs freshly read input through the matcher; true when the input has ended and nothing is left to deliver.</summary>
    bool Accept(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            // End of input: a partial sequence was just typing, deliver it.
            for (var i = 0; i < matched; i++)
                Deliver(keys[i]);
            matched = 0;
            return pendingEnd == pendingStart;
        }
        foreach (var b in input)
        {
            Feed(b);
            if (detachRequested)
                break; // whatever follows the sequence is never sent
        }
        return false;
    }

    void Feed(byte b)
    {
        if (keys.Length == 0)
        {
            Deliver(b);
            return;
        }
        if (b == keys[matched])
        {
            if (++matched == keys.Length)
            {
                matched = 0;
                detachRequested = true;
            }
            return;
        }
        if (matched == 0)
        {
            Deliver(b);
            return;
        }
        // The held bytes were not the sequence after all. The first of them is plain input; the
        // rest, with this byte, may still start the sequence, so they go through the matcher again.
        var held = keys.AsSpan(0, matched).ToArray();
        matched = 0;
        Deliver(held[0]);
        foreach (var again in held.AsSpan(1))
            Feed(again);
        Feed(b);
    }

    void Deliver(byte b)
    {
        if (pendingEnd == pending.Length)
        {
            var live = pendingEnd - pendingStart;
            if (live * 2 > pending.Length)
                Array.Resize(ref pending, pending.Length * 2);
            Array.Copy(pending, pendingStart, pending, 0, live);
            pendingStart = 0;
            pendingEnd = live;
        }
        pending[pendingEnd++] = b;
    }

    int TakePending(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, pendingEnd - pendingStart);
        pending.AsSpan(pendingStart, count).CopyTo(buffer);
        pendingStart += count;
        if (pendingStart == pendingEnd)
            pendingStart = pendingEnd = 0;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
            inner.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>The user typed the detach key sequence: stop forwarding input and leave the container running.</summary>
public sealed class DetachKeysPressedException() : IOException("read escape sequence");
