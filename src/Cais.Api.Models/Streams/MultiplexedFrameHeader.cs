using System.Buffers.Binary;

namespace Cais.Api.Models.Streams;

/// <summary>
/// The 8-byte header in front of every multiplexed frame:
/// <c>[stream, 0, 0, 0, size (uint32, big-endian)]</c>.
/// </summary>
public static class MultiplexedFrameHeader
{
    public const int Length = 8;

    public static void Write(Span<byte> header, StdStreamKind kind, uint payloadLength)
    {
        if (header.Length < Length)
            throw new ArgumentException($"a frame header needs {Length} bytes, got {header.Length}", nameof(header));
        if ((byte)kind > (byte)StdStreamKind.SystemError)
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a multiplexed stream kind (0-3)");
        header[0] = (byte)kind;
        header[1] = 0;
        header[2] = 0;
        header[3] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], payloadLength);
    }

    /// <summary>
    /// Reads a header. Bytes 1 to 3 are not checked, as Docker's reader does not check them; an
    /// unknown stream byte is an error because the rest of the stream cannot be trusted.
    /// </summary>
    public static (StdStreamKind Kind, uint PayloadLength) Read(ReadOnlySpan<byte> header)
    {
        if (header.Length < Length)
            throw new ArgumentException($"a frame header needs {Length} bytes, got {header.Length}", nameof(header));
        if (header[0] > (byte)StdStreamKind.SystemError)
            throw new MultiplexedStreamException($"unrecognized stream {header[0]} in multiplexed frame header (expected 0-3)");
        return ((StdStreamKind)header[0], BinaryPrimitives.ReadUInt32BigEndian(header[4..]));
    }
}
