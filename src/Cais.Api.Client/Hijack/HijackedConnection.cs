using Cais.Api.Client.Connection;

namespace Cais.Api.Client.Hijack;

/// <summary>
/// A connection the daemon has handed over for raw, two-way traffic (attach, exec start): read
/// the process's output from <see cref="Stream"/>, write its input to it. The output is
/// multiplexed (see <c>Cais.Api.Models.Streams.MultiplexedStreamReader</c>) when the process
/// has no TTY, raw when it has one.
/// </summary>
public sealed class HijackedConnection : IAsyncDisposable, IDisposable
{
    public const string RawStreamContentType = "application/vnd.docker.raw-stream";
    public const string MultiplexedStreamContentType = "application/vnd.docker.multiplexed-stream";

    readonly DaemonConnection connection;

    internal HijackedConnection(DaemonConnection connection, Stream stream, int statusCode, string? contentType)
    {
        this.connection = connection;
        Stream = stream;
        StatusCode = statusCode;
        ContentType = contentType;
    }

    /// <summary>
    /// The duplex stream. Bytes the daemon sent right behind its response head are the first
    /// ones read here.
    /// </summary>
    public Stream Stream { get; }

    /// <summary>101 when the daemon confirmed the upgrade, 200 when it just started streaming (older daemons).</summary>
    public int StatusCode { get; }

    public string? ContentType { get; }

    /// <summary>
    /// What the daemon's <c>Content-Type</c> says. Daemons before API 1.42 call every stream raw,
    /// so whether the process has a TTY is the surer guide, as in the docker CLI.
    /// </summary>
    public bool IsMultiplexed => string.Equals(ContentType, MultiplexedStreamContentType, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Ends the input (the process sees end of file on stdin) while output keeps flowing:
    /// shuts down the socket's sending side, or sends TLS close_notify on a TLS connection.
    /// </summary>
    public ValueTask CloseWriteAsync() => connection.CloseWriteAsync();

    /// <inheritdoc cref="CloseWriteAsync"/>
    public void CloseWrite() => connection.CloseWriteAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    public void Dispose()
    {
        Stream.Dispose();
        connection.Dispose();
    }
}
