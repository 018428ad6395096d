namespace Cais.Api.Models.Streams;

/// <summary>A multiplexed stream that is not well formed: a frame cut short, or an unknown stream byte.</summary>
public sealed class MultiplexedStreamException(string message) : IOException(message);

/// <summary>
/// The daemon ended a multiplexed stream with an error frame (stream 3), e.g. because reading the
/// container's log failed. The message is the daemon's.
/// </summary>
public sealed class DaemonStreamErrorException(string daemonMessage)
    : IOException($"error from daemon in stream: {daemonMessage}")
{
    public string DaemonMessage { get; } = daemonMessage;
}
