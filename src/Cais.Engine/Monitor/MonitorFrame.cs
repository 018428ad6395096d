using System.Buffers.Binary;

namespace Cais.Engine.Monitor;

/// <summary>What a frame on a monitor's socket carries.</summary>
public enum FrameType : byte
{
    // monitor → daemon
    Stdout = 1,
    Stderr = 2,
    /// <summary>The container has exited; payload: the <see cref="ExitRecord"/> JSON.</summary>
    Exited = 3,
    /// <summary>Answer to <see cref="Start"/>: empty payload when the process runs, else the error text.</summary>
    Started = 4,
    /// <summary>An exec monitor's process id, as decimal text, sent just before <see cref="Started"/>.</summary>
    Pid = 5,

    // daemon → monitor
    /// <summary>Run the user's process (sent once, by the connection that will receive its output first).</summary>
    Start = 10,
    Stdin = 11,
    CloseStdin = 12,
    /// <summary>Payload: rows and columns, two big-endian uint16.</summary>
    Resize = 13,
}

/// <summary>
/// The framing of a monitor's unix socket, both ways: a type byte, a big-endian uint32 payload
/// length, the payload. The daemon keeps one such connection to every running container.
/// </summary>
public static class MonitorFrame
{
    public const int HeaderSize = 5;
    public const int MaxPayload = 1 << 20;

    public static void Write(Stream stream, FrameType type, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        WriteHeader(header, type, payload.Length);
        stream.Write(header);
        if (!payload.IsEmpty) stream.Write(payload);
        stream.Flush();
    }

    public static void WriteHeader(Span<byte> header, FrameType type, int payloadLength)
    {
        header[0] = (byte)type;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)payloadLength);
    }

    /// <summary>The next frame, or null at a clean end of stream.</summary>
    public static (FrameType Type, byte[] Payload)? Read(Stream stream)
    {
        var header = new byte[HeaderSize];
        if (!ReadExactly(stream, header, allowEnd: true)) return null;
        uint length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1));
        if (length > MaxPayload) throw new InvalidDataException($"monitor frame of {length} bytes exceeds {MaxPayload}");
        var payload = length == 0 ? [] : new byte[length];
        ReadExactly(stream, payload, allowEnd: false);
        return ((FrameType)header[0], payload);
    }

    public static async Task<(FrameType Type, byte[] Payload)?> ReadAsync(Stream stream, CancellationToken cancel = default)
    {
        var header = new byte[HeaderSize];
        int got = await stream.ReadAtLeastAsync(header, HeaderSize, throwOnEndOfStream: false, cancel);
        if (got == 0) return null;
        if (got < HeaderSize) throw new EndOfStreamException("monitor frame header cut short");
        uint length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1));
        if (length > MaxPayload) throw new InvalidDataException($"monitor frame of {length} bytes exceeds {MaxPayload}");
        var payload = length == 0 ? [] : new byte[length];
        if (length > 0) await stream.ReadExactlyAsync(payload, cancel);
        return ((FrameType)header[0], payload);
    }

    static bool ReadExactly(Stream stream, byte[] buffer, bool allowEnd)
    {
        int got = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (got == buffer.Length) return true;
        if (got == 0 && allowEnd) return false;
        throw new EndOfStreamException("monitor frame cut short");
    }

    public static byte[] ResizePayload(ushort rows, ushort columns)
    {
        var p = new byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(p, rows);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), columns);
        return p;
    }
}
