namespace Cais.Engine.Logs;

/// <summary>
/// Which of the container's output streams a message came from. The values are the stream bytes
/// of Docker's multiplexed attach/logs frames (stdcopy: 1 stdout, 2 stderr).
/// </summary>
public enum LogStream : byte
{
    Stdout = 1,
    Stderr = 2,
}

static class LogStreamNames
{
    /// <summary>The "stream" value of a json-file entry.</summary>
    public static ReadOnlySpan<byte> Utf8(LogStream stream) => stream switch
    {
        LogStream.Stdout => "stdout"u8,
        LogStream.Stderr => "stderr"u8,
        _ => throw new ArgumentOutOfRangeException(nameof(stream), stream, "a log stream is stdout or stderr"),
    };
}
