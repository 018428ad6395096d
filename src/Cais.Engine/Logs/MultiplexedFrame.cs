using System.Buffers.Binary;

namespace Cais.Engine.Logs;

/// <summary>
/// The 8-byte header of Docker's multiplexed stream (stdcopy): byte 0 the stream (0 stdin,
/// 1 stdout, 2 stderr, 3 the daemon's own error), three zero bytes, then the payload's length
/// as a big-endian uint32. The API server has its own for attach; this one serves logs.
/// </summary>
static class MultiplexedFrame
{
    public const int HeaderSize = 8;

    /// <summary>stdcopy.Systemerr: errors from the daemon itself, e.g. a log that could not be read.</summary>
    public const byte SystemErrorStream = 3;

    public static void WriteHeader(Span<byte> destination, byte stream, int payloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        destination[0] = stream;
        destination[1] = destination[2] = destination[3] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], (uint)payloadLength);
    }
}
