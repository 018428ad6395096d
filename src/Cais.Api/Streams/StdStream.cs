namespace Cais.Api.Streams;

/// <summary>The stream a multiplexed frame belongs to (byte 0 of its header).</summary>
public enum StdStream : byte
{
    Stdin = 0,
    Stdout = 1,
    Stderr = 2,

    /// <summary>Errors of the daemon itself during a stream (moby stdcopy.Systemerr).</summary>
    SystemErr = 3,
}
