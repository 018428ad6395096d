namespace Cais.Api.Models.Streams;

/// <summary>
/// The stream byte of a multiplexed frame (the first byte of its 8-byte header), as Docker's
/// <c>stdcopy</c> defines it. Attach, logs and exec use multiplexing when the process has no TTY.
/// </summary>
public enum StdStreamKind : byte
{
    /// <summary>Input echoed back; readers write it to stdout, as Docker's do.</summary>
    Stdin = 0,
    Stdout = 1,
    Stderr = 2,

    /// <summary>An error from the daemon itself, ending the stream; the payload is its message.</summary>
    SystemError = 3,
}
